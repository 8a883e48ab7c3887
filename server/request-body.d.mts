import type { RequestHandler } from 'express'
import type { AppLoadContext, ServerBuild } from '@remix-run/node'

export type BodyRule = { pattern: RegExp; limit: number; form: boolean; tooLarge?: string; okReply?: boolean }
export declare const BODY_RULES: BodyRule[]
export declare const USER_IMPORT_MAX_BYTES: number
export declare const BANK_IMPORT_MAX_BYTES: number
export declare const LESSON_IMAGE_UPLOAD_LIMIT: number
export declare const MALFORMED_BODY: string
export declare function bodyRuleFor(path: string): BodyRule
export declare function limitRequestBodies(): RequestHandler
export declare function createRequestHandler(options: {
	build: ServerBuild | (() => Promise<ServerBuild>)
	mode?: string
	getLoadContext?: (req: import('express').Request, res: import('express').Response) => AppLoadContext | Promise<AppLoadContext>
}): RequestHandler
