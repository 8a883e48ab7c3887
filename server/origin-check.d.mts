export declare function isForeignOriginRequest(request: {
	method: string
	origin?: string | null
	host?: string | null
	secFetchSite?: string | null
}): boolean
