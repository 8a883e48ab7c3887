import { readServerEnv } from '../../server/env.mjs'

export { DEMO_SESSION_SECRET } from '../../server/env.mjs'

/** Parsed once; the server has already refused to start if anything here is wrong. */
export const serverEnv = readServerEnv()
