import type { RequestHandler } from 'express'

export declare const ANSWER_SAVE_PATH: string
export declare function answerSavesAhead(
	endpoint: (request: { attemptId: string; cookie: string | null | undefined; body: Uint8Array }) => Promise<{ status: number; body: unknown } | null>,
): RequestHandler
