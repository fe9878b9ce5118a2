-- Approximate nearest-neighbour index for profile vectors (cosine). Queries set
-- hnsw.iterative_scan so filtered searches keep scanning until they have enough rows, and fall
-- back to exact search when the index still comes up short. Large imports drop and rebuild it.
CREATE INDEX IF NOT EXISTS profiles_embedding_hnsw ON profiles USING hnsw (embedding vector_cosine_ops);
