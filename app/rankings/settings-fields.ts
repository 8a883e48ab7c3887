// Field names of the season ranking settings form, shared by the page and the server. Kept
// apart from settings.ts, which writes the audit log (server-only) and so must never reach
// the browser bundle.

/** `weight.<roundId>` per round. */
export const weightField = (roundId: string) => `weight.${roundId}`
