import type { Request } from 'express'

export declare function parseTrustProxy(raw: string | undefined): { setting: false | number | string[]; problem?: string }
export declare function clientAddress(req: Request): string
