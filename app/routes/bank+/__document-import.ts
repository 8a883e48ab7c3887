// The document import's form (ADR 070): one zod schema the page checks before posting and the
// action parses again. A chosen file wins over pasted text; one of the two is needed.
import { z } from 'zod'
import { BANK_IMPORT_MAX_BYTES } from '#app/exams/import/import-events.ts'
import { importTooLargeMessage } from '#app/utils/import-file.ts'
import { TOPICS } from '#app/utils/topics.ts'

export const DOCUMENT_ACCEPT = '.docx,.doc,.xml,.gift,.txt'
export const MAX_PASTE_CHARS = 2_000_000

export const DocumentImportSchema = z
	.object({
		intent: z.enum(['preview', 'commit_all', 'commit_valid'], { error: '请求不完整，请刷新页面后重试' }),
		file: z
			.instanceof(File)
			.optional()
			.refine((file) => !file || file.size <= BANK_IMPORT_MAX_BYTES, { error: importTooLargeMessage(BANK_IMPORT_MAX_BYTES) }),
		text: z.string().max(MAX_PASTE_CHARS, { error: `粘贴的文本超过 ${MAX_PASTE_CHARS / 10_000} 万字，请分批导入或上传文件` }).optional(),
		topic: z.enum(TOPICS, { error: '请选择专题' }),
		difficulty: z.number({ error: '难度须为 1–5 的整数' }).int({ error: '难度须为 1–5 的整数' }).min(1, { error: '难度须为 1–5 的整数' }).max(5, { error: '难度须为 1–5 的整数' }),
		points: z
			.number({ error: '分值须为数字' })
			.positive({ error: '分值须大于 0' })
			.max(100, { error: '分值不能超过 100' })
			.refine((points) => Number.isInteger(points * 10), { error: '分值最多一位小数' }),
		defaultStatus: z.enum(['active', 'draft'], { error: '请求不完整，请刷新页面后重试' }).default('active'),
	})
	.superRefine((value, context) => {
		const hasFile = value.file !== undefined && value.file.size > 0
		if (!hasFile && !value.text?.trim()) context.addIssue({ code: 'custom', path: ['text'], message: '请选择文件，或在此粘贴题目文本' })
	})
export type DocumentImportValues = z.infer<typeof DocumentImportSchema>
