import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { createOfflineEmbedder, VECTOR_DIMENSION } from '../../src/embeddings/offline.js';

const catalogue = loadCatalogue();
const embedder = createOfflineEmbedder(catalogue.matcher, catalogue.themes);
const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('offline embedder', () => {
  it('makes deterministic unit vectors of the stored dimension', async () => {
    const [a, b] = await embedder.embed(
      ['Velferdsteknologi i heimetenesta', 'Velferdsteknologi i heimetenesta'],
      'query',
    );
    expect(a).toHaveLength(VECTOR_DIMENSION);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    expect(Array.from(a!)).toEqual(Array.from(b!));
    const [empty] = await embedder.embed([''], 'passage');
    expect(Array.from(empty!).every((x) => x === 0)).toBe(true);
  });

  it('matches across languages: a nynorsk query is nearer Polish, German and Swedish elderly-care texts than other topics', async () => {
    const [q, pl, de, sv, fish, youth] = await embedder.embed(
      [
        'Vi treng erfaring med velferdsteknologi og tryggleiksalarmar i heimetenesta for eldre.',
        'Miasto rozwija teleopiekę i opiekę domową dla seniorów.',
        'Der Landkreis baut Telepflege und Hausnotruf für ältere Menschen aus.',
        'Kommunen utvecklar välfärdsteknik och trygghetslarm inom hemtjänsten för äldre.',
        'Vi driver oppdrett av laks og blåskjel i fjorden.',
        'Bezrobocie wśród młodzieży i aktywizacja zawodowa młodych ludzi.',
      ],
      'passage',
    );
    for (const near of [pl!, de!, sv!]) {
      expect(cos(q!, near)).toBeGreaterThan(cos(q!, fish!) + 0.3);
      expect(cos(q!, near)).toBeGreaterThan(cos(q!, youth!) + 0.3);
    }
  });

  it('records the taxonomy in its id, so vectors from another taxonomy are never compared', () => {
    expect(embedder.id).toMatch(/^offline-v1:[0-9a-f]{8}$/);
    const other = createOfflineEmbedder(catalogue.matcher, catalogue.themes.slice(1));
    expect(other.id).not.toBe(embedder.id);
  });
});
