import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { importBankFile } from '#app/exams/import/bank-import.ts'
import { BANK_IMPORT_MAX_BYTES, summariseOutcome, summarisePreview, type BankImportEvent } from '#app/exams/import/import-events.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { ndjsonResponse } from '#app/routes/admin+/__ndjson.server.ts'
import { BANK_ROLES } from './__bank-parts.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, BANK_ROLES)
	throw redirect('/bank/import')
}

const RunSchema = z.object({
	step: z.enum(['preview', 'commit']),
	mode: z.enum(['all', 'valid_only']).default('all'),
	defaultStatus: z.enum(['draft', 'active']).default('active'),
})
const TOO_LARGE = `文件超过 ${BANK_IMPORT_MAX_BYTES / 1024 / 1024} MB，请拆分后分批导入`

/**
 * Checks (preview) or imports (commit) an uploaded sheet and streams progress, then the
 * result. Nothing is kept between the two steps: the page sends the file again to commit,
 * and every row is checked again inside the import.
 */
export async function action({ request }: ActionFunctionArgs) {
	const user = await requireRole(request, BANK_ROLES)
	if (Number(request.headers.get('Content-Length') ?? 0) > BANK_IMPORT_MAX_BYTES + 64 * 1024) return data({ message: TOO_LARGE }, { status: 413 })
	const formData = await request.formData()
	const run = RunSchema.safeParse({
		step: formData.get('step'),
		mode: formData.get('mode') ?? undefined,
		defaultStatus: formData.get('defaultStatus') ?? undefined,
	})
	const file = formData.get('file')
	if (!run.success) return data({ message: '请求不完整，请刷新页面后重试' }, { status: 400 })
	if (!(file instanceof File) || file.size === 0) return data({ message: '请选择要导入的 .xlsx 或 .csv 文件' }, { status: 400 })
	if (file.size > BANK_IMPORT_MAX_BYTES) return data({ message: TOO_LARGE }, { status: 413 })
	const upload = { data: new Uint8Array(await file.arrayBuffer()), fileName: file.name }
	const { step, mode, defaultStatus } = run.data

	return ndjsonResponse<BankImportEvent>(async (send) => {
		try {
			const outcome = await importBankFile(prisma, {
				...upload,
				mode,
				defaultStatus,
				actorId: user.id,
				dryRun: step === 'preview',
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
