// Serves a stored lesson image, /lesson-images/<sha256>.<ext> (ADR 016), to anyone signed in.
// The name is the content's hash, so the answer never changes: cached a year, immutable, and
// private (signed-in content stays out of shared caches). The stored type is sent with a CSP
// that lets the response run nothing if opened on its own; `nosniff` is on every response
// already (server.mjs, staticSecurityHeaders), so it is not sent twice.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { findLessonImages, readLessonImage } from '#app/courses/images/image-store.server.ts'
import { parseLessonImageName } from '#app/courses/images/image-urls.ts'
import { LESSON_IMAGE_TYPES } from '#app/courses/images/validate-image.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export const LESSON_IMAGE_CACHE_CONTROL = 'private, max-age=31536000, immutable'

const notFound = () => new Response('图片不存在', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })

/** ETags name the hash; a browser may send several, weak or strong. */
function matchesEtag(header: string | null, etag: string) {
	return header !== null && header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/lesson-images')
	const name = parseLessonImageName(params.name ?? '')
	if (!name) return notFound()
	const etag = `"${name.sha256}"`
	const headers = {
		'Cache-Control': LESSON_IMAGE_CACHE_CONTROL,
		ETag: etag,
		'Content-Security-Policy': "default-src 'none'; sandbox",
		'Cross-Origin-Resource-Policy': 'same-origin',
	}
	if (matchesEtag(request.headers.get('If-None-Match'), etag)) {
		// The browser has these bytes: only whether the image (still) exists is read.
		const known = (await findLessonImages(prisma, [name.sha256])).get(name.sha256)
		return known && LESSON_IMAGE_TYPES[known.mime] === name.ext ? new Response(null, { status: 304, headers }) : notFound()
	}
	const image = await readLessonImage(prisma, name.sha256)
	if (!image || LESSON_IMAGE_TYPES[image.mime] !== name.ext) return notFound()
	return new Response(image.bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: { ...headers, 'Content-Type': image.mime, 'Content-Length': String(image.bytes.length) } })
}

export async function action({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/lesson-images')
	return new Response('图片只能读取', { status: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' } })
}
