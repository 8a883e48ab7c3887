export declare const DEMO_SESSION_SECRET: string
export declare function readServerEnv(env?: Record<string, string | undefined>): {
	problems: string[]
	isProduction: boolean
	sessionSecrets: string[]
	port: number
	host: string
	databaseUrl: string
	trustProxy: boolean
	secureCookies: boolean
}
