import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { commitImport, previewImport } from './__run-import.ts'
import { IMPORT_KINDS, IMPORT_MAX_BYTES, type ImportProgress, type ImportStreamEvent } from '#app/admin/import/types.ts'
import { ImportCancelled } from '#app/admin/import/user-import.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { ndjsonResponse } from '#app/utils/ndjson.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	throw redirect('/admin/import')
}

const RunSchema = z.object({ kind: z.enum(IMPORT_KINDS), mode: z.enum(['preview', 'commit']) })
const MULTIPART_OVERHEAD = 64 * 1024
const TOO_LARGE = `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请拆分后分批导入`

/**
 * A resource route: its refusals are plain JSON Responses (the page reads `message`), as
 * `data()` statuses apply only to document and data requests.
 *
 * Receives the sheet (preview or commit) and streams progress events, then the preview or
 * the outcome. Nothing is stored between the two steps: the page sends the same file again
 * to commit, and the commit checks every row again.
 */
export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	if (Number(request.headers.get('Content-Length') ?? 0) > IMPORT_MAX_BYTES + MULTIPART_OVERHEAD) {
		return Response.json({ message: TOO_LARGE }, { status: 413 })
	}
	const formData = await request.formData()
	const run = RunSchema.safeParse({ kind: formData.get('kind'), mode: formData.get('mode') })
	const file = formData.get('file')
	if (!run.success) return Response.json({ message: '请求不完整，请刷新页面后重试' }, { status: 400 })
	if (!(file instanceof File) || file.size === 0) return Response.json({ message: '请选择要导入的 .xlsx 或 .csv 文件' }, { status: 400 })
	if (file.size > IMPORT_MAX_BYTES) return Response.json({ message: TOO_LARGE }, { status: 413 })
	const upload = { data: new Uint8Array(await file.arrayBuffer()), fileName: file.name }
	const { kind, mode } = run.data

	return ndjsonResponse<ImportStreamEvent>(async (send) => {
		const onProgress = (progress: ImportProgress) => send({ type: 'progress', ...progress })
		try {
			if (mode === 'preview') {
				send({ type: 'preview', preview: await previewImport(prisma, kind, upload, onProgress) })
			} else {
				send({ type: 'done', outcome: await commitImport(prisma, admin, kind, upload, { onProgress, signal: request.signal }) })
			}
		} catch (error) {
			if (error instanceof ImportCancelled) return send({ type: 'error', message: error.message })
			console.error(error)
			send({ type: 'error', message: '处理文件时服务器出错，未写入任何数据。请稍后重试；如果问题持续，请联系技术支持。' })
		}
	})
}
