// A "shared render" is the server rendering a page for a reader but leaving out everything
// personal (their name, progress, answers), so that the HTML can be served to every reader
// with the same roles (ADR 036). Only this process can ask for one: the request carries a
// secret drawn at start-up, which no browser can know. Loaders that show personal data check
// `isSharedRender` and return the shared part only; the reader's cookie still travels with the
// request, so every guard runs as it would for them.
import { randomBytes, timingSafeEqual } from 'node:crypto'

const SHARED_RENDER_HEADER = 'x-hongshen-shared-render'
const secret = randomBytes(32).toString('hex')

export function sharedRenderHeaders(): Record<string, string> {
	return { [SHARED_RENDER_HEADER]: secret }
}

export function isSharedRender(request: Request) {
	const presented = request.headers.get(SHARED_RENDER_HEADER)
	return presented !== null && presented.length === secret.length && timingSafeEqual(Buffer.from(presented), Buffer.from(secret))
}
