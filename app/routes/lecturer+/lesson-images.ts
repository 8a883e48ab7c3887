// The editor's image upload (ADR 016), a resource route read by fetch: POST multipart with the
// file in `image`; the answer is JSON, { ok: true, url, width, height, byteLength, markdown }
// or { ok: false, message } with 400 / 413 / 415. The body gate (server/request-body.mjs)
// admits this path alone up to the image limit; the Origin check runs before any action.
import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { ImageStoreError, storeLessonImage } from '#app/courses/images/image-store.server.ts'
import { LESSON_IMAGE_MAX_BYTES } from '#app/courses/images/validate-image.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

const NO_STORE = { 'Cache-Control': 'no-store' }
const refuse = (status: number, message: string) => Response.json({ ok: false, message }, { status, headers: NO_STORE })

export const LessonImageUploadSchema = z.object({
	image: z.instanceof(File, { error: '请选择要上传的图片' }).refine((file) => file.size > 0, '请选择要上传的图片'),
})

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/lecturer')
	return refuse(405, '请在课时编辑器中上传图片')
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/lecturer')
	let form: FormData
	try {
		form = await request.formData()
	} catch {
		return refuse(400, '请以表单上传图片（字段 image）')
	}
	const parsed = LessonImageUploadSchema.safeParse({ image: form.get('image') })
	if (!parsed.success) return refuse(400, parsed.error.issues[0]!.message)
	const { image } = parsed.data
	if (image.size > LESSON_IMAGE_MAX_BYTES) return refuse(413, `图片超过 ${LESSON_IMAGE_MAX_BYTES / 1024 / 1024} MB，请压缩后再上传`)
	try {
		const stored = await storeLessonImage(prisma, new Uint8Array(await image.arrayBuffer()), { audit: { actorId: user.id, actorName: user.name } })
		if (!stored.ok) return refuse(stored.status, stored.message)
		const { url, width, height, byteLength } = stored.image
		return Response.json({ ok: true, url, width, height, byteLength, markdown: `![](${url})` }, { headers: NO_STORE })
	} catch (error) {
		if (!(error instanceof ImageStoreError)) throw error
		console.error(error)
		return refuse(503, '图片存储暂时不可用，请稍后重试')
	}
}
