export declare function createNonce(): string
export declare function contentSecurityPolicy(options: { nonce: string; dev?: boolean; secure?: boolean }): string
export declare function nonceOfPolicy(policy: string | null | undefined): string | null
export declare function staticSecurityHeaders(options?: { secure?: boolean }): Record<string, string>
