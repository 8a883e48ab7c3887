import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { importBankFile } from '#app/exams/import/bank-import.server.ts'
import { ImportSettingsFields, settingsOf } from '#app/exams/import/import-settings.ts'
import { BANK_IMPORT_MAX_BYTES, summariseOutcome, summarisePreview, type BankImportEvent } from '#app/exams/import/import-events.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { importFileSchema, importTooLargeMessage } from '#app/utils/import-file.ts'
import { ndjsonResponse } from '#app/utils/ndjson.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/bank')
	throw redirect('/bank/import')
}

/** The upload's fields; the file rule is the one the import page checks before uploading (ADR 070). */
export const BankImportRunSchema = z.object({
	step: z.enum(['preview', 'commit'], { error: '请求不完整，请刷新页面后重试' }),
	mode: z.enum(['all', 'valid_only'], { error: '请求不完整，请刷新页面后重试' }).default('all'),
	defaultStatus: z.enum(['draft', 'active'], { error: '请求不完整，请刷新页面后重试' }).default('active'),
	file: importFileSchema(BANK_IMPORT_MAX_BYTES),
	// The column mapping and defaults the person confirmed (ADR 026); absent, headers are read by name.
	...ImportSettingsFields,
})
const TOO_LARGE = importTooLargeMessage(BANK_IMPORT_MAX_BYTES)

/**
 * A resource route read by XMLHttpRequest: refusals are plain JSON Responses, a refused field
 * in conform's reply shape ({ status: 'error', error: { file: [...] } }).
 *
 * Checks (preview) or imports (commit) an uploaded sheet and streams progress, then the
 * result. Nothing is kept between the two steps: the page sends the file again to commit,
 * and every row is checked again inside the import.
 */
export async function action({ request }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/bank')
	if (Number(request.headers.get('Content-Length') ?? 0) > BANK_IMPORT_MAX_BYTES + 64 * 1024) return Response.json({ message: TOO_LARGE }, { status: 413 })
	const submission = parseWithZod(await request.formData(), { schema: BankImportRunSchema })
	if (submission.status !== 'success') return Response.json(submission.reply(), { status: 400 })
	const { step, mode, defaultStatus, file, ...settings } = submission.value
	const upload = { data: new Uint8Array(await file.arrayBuffer()), fileName: file.name }

	return ndjsonResponse<BankImportEvent>(async (send) => {
		try {
			const outcome = await importBankFile(prisma, {
				...upload,
				mode,
				defaultStatus,
				actorId: user.id,
				dryRun: step === 'preview',
				settings: settingsOf(settings),
				onProgress: (progress) => send({ type: 'progress', ...progress }),
			})
			if (step === 'preview') send({ type: 'preview', preview: summarisePreview(outcome.preview, upload.fileName) })
			else send({ type: 'done', outcome: summariseOutcome(outcome, upload.fileName) })
		} catch (error) {
			console.error(error)
			send({ type: 'error', message: '处理文件时服务器出错，未写入任何题目。请稍后重试；如果问题持续，请联系技术支持。' })
		}
	})
}
