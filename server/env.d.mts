export declare const DEMO_SESSION_SECRET: string
export declare function readServerEnv(env?: Record<string, string | undefined>): {
	problems: string[]
	isProduction: boolean
	sessionSecrets: string[]
	port: number
	/** Server processes sharing the port (Node cluster); 1 serves in this process. */
	workers: number
	host: string
	databaseUrl: string
	trustProxy: boolean
	secureCookies: boolean
}
