// A client that streams a large body with chunked transfer encoding (no Content-Length, so a
// server cannot refuse it up front) and stops as soon as the server answers or hangs up.
import http from 'node:http'

export type ChunkedOutcome = { status: number | null; contentType: string; body: string; bytesSent: number; error: string | null }

export function postChunked(
	url: string,
	{ totalBytes, headers = {}, chunk = Buffer.alloc(64 * 1024, 'a') }: { totalBytes: number; headers?: Record<string, string>; chunk?: Buffer },
): Promise<ChunkedOutcome> {
	return new Promise((resolve) => {
		let bytesSent = 0
		let answered = false
		let finished = false
		const done = (outcome: Omit<ChunkedOutcome, 'bytesSent'>) => {
			if (finished) return
			finished = true
			request.destroy()
			resolve({ ...outcome, bytesSent })
		}
		const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } })
		request.on('response', (response) => {
			answered = true
			const parts: Buffer[] = []
			response.on('data', (part: Buffer) => parts.push(part))
			response.on('end', () => done({ status: response.statusCode ?? null, contentType: String(response.headers['content-type'] ?? ''), body: Buffer.concat(parts).toString('utf8'), error: null }))
			response.on('error', (error) => done({ status: response.statusCode ?? null, contentType: '', body: Buffer.concat(parts).toString('utf8'), error: error.message }))
		})
		request.on('error', (error) => {
			// The server may close the connection right after its answer; the answer counts.
			if (!answered) done({ status: null, contentType: '', body: '', error: error.message })
		})
		const pump = () => {
			while (!answered && !request.destroyed && bytesSent < totalBytes) {
				bytesSent += chunk.length
				if (!request.write(chunk)) return void request.once('drain', pump)
			}
			if (!answered && !request.destroyed) request.end()
		}
		pump()
	})
}
