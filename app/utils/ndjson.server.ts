// A streamed response of newline-delimited JSON events, so a long import can report its
// progress while it runs. `no-transform` keeps the compression middleware from holding
// the events back in its buffer.
export function ndjsonResponse<E>(work: (send: (event: E) => void) => Promise<void>) {
	const encoder = new TextEncoder()
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			let open = true
			const send = (event: E) => {
				if (!open) return
				try {
					controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`))
				} catch {
					// The reader went away (the browser closed the page); the work itself goes on or stops by its signal.
					open = false
				}
			}
			try {
				await work(send)
			} finally {
				if (open) controller.close()
			}
		},
	})
	return new Response(stream, {
		headers: {
			'Content-Type': 'application/x-ndjson; charset=utf-8',
			'Cache-Control': 'no-store, no-transform',
			'X-Accel-Buffering': 'no',
		},
	})
}
