// SQLite answers SQLITE_BUSY when another process holds the write lock longer than the
// connection's busy_timeout. Answer saves and the sign-in throttle retry a few times with
// growing pauses; a save then reports a DatabaseBusyError that the save route turns into a
// 503 the page shows and retries.

export class DatabaseBusyError extends Error {
	readonly userMessage = '服务器繁忙，答案暂未保存，页面会自动重试，请勿关闭页面。'
	constructor(cause: unknown) {
		super('database busy after retries', { cause })
		this.name = 'DatabaseBusyError'
	}
}

type ErrorLike = { message?: unknown; code?: unknown; meta?: unknown; cause?: unknown }

export function isDatabaseBusy(error: unknown): boolean {
	for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
		const e = current as ErrorLike
		const meta = e.meta as { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } | undefined
		const adapterCause = meta?.driverAdapterError?.cause
		if (adapterCause?.kind === 'SocketTimeout' || adapterCause?.originalCode?.startsWith('SQLITE_BUSY')) return true
		const cause = e.cause as { kind?: string; originalCode?: string } | undefined
		if (cause?.kind === 'SocketTimeout' && String(cause.originalCode ?? '').startsWith('SQLITE_BUSY')) return true
		if (typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY')) return true
		if (typeof e.message === 'string' && /SQLITE_BUSY|database is locked/.test(e.message)) return true
		current = e.cause
	}
	return false
}

/**
 * Prisma's P2028 "Unable to start a transaction in the given time": every connection (SQLite:
 * the one writer) was taken for longer than the transaction's maxWait. Like SQLITE_BUSY it says
 * "too busy now", not "wrong", so it is answered the same way.
 */
export function isTransactionQueueTimeout(error: unknown): boolean {
	const e = error as ErrorLike | null
	return Boolean(e && typeof e === 'object' && e.code === 'P2028' && typeof e.message === 'string' && /start a transaction/i.test(e.message))
}

export const DEFAULT_BUSY_BACKOFF_MS = [50, 150, 400] as const

export async function withBusyRetry<T>(operation: () => Promise<T>, backoffMs: readonly number[] = DEFAULT_BUSY_BACKOFF_MS): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await operation()
		} catch (error) {
			if (!isDatabaseBusy(error)) throw error
			const pause = backoffMs[attempt]
			if (pause === undefined) throw new DatabaseBusyError(error)
			await new Promise((resolve) => setTimeout(resolve, pause * (0.75 + Math.random() * 0.5)))
		}
	}
}
