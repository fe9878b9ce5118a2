import type { Principal } from '../auth/tokens.js';
import type { Logger } from '../logger.js';

/** Hono environment: what middleware puts on the request context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    principal: Principal | undefined;
  };
}
