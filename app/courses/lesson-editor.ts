// The lecturer's editor shows the frontmatter as form fields and the MDX body as text. These
// turn one into the other, so a browser lesson is stored in exactly the git file format, and
// a refusal is reported on the body line the lecturer sees (正文第N行).
import { z } from 'zod'
import { composeLessonSource, type LessonFrontmatter, normalizeSource, RegulationRefSchema, splitLessonSource } from './mdx/frontmatter.ts'
import type { LessonIssue } from './mdx/issues.ts'
import { MARKUP_LIMITS } from './mdx/markup-limits.ts'

export type EditorFields = { title: string; summary: string; estimatedMinutes: string; tags: string; regulations: string; body: string }

const SEPARATOR = /[|｜]/

function regulationLine(reference: LessonFrontmatter['regulations'][number]) {
	return [reference.name, reference.article ?? '', reference.effectiveDate ?? ''].join('｜').replace(/｜+$/, '')
}

export function editorFieldsFromSource(source: string): EditorFields {
	const split = splitLessonSource(normalizeSource(source))
	if (!split.ok) return { title: '', summary: '', estimatedMinutes: '10', tags: '', regulations: '', body: source }
	const { frontmatter, body } = split.value
	return {
		title: frontmatter.title,
		summary: frontmatter.summary,
		estimatedMinutes: String(frontmatter.estimatedMinutes),
		tags: frontmatter.tags.join('、'),
		regulations: frontmatter.regulations.map(regulationLine).join('\n'),
		body: body.replace(/^\n+/, ''),
	}
}

export const LessonEditorSchema = z.object({
	title: z.string({ error: '请填写课时标题' }).trim().min(1, '请填写课时标题').max(100, '标题不能超过 100 个字符'),
	summary: z.string().trim().max(500, '摘要不能超过 500 个字符').default(''),
	estimatedMinutes: z.coerce.number({ error: '请填写预计学习分钟数' }).int('须为整数').min(1, '至少 1 分钟').max(240, '不能超过 240 分钟'),
	tags: z
		.string()
		.default('')
		.transform((text) => [...new Set(text.split(/[,，、\s]+/).map((tag) => tag.trim()).filter(Boolean))])
		.pipe(z.array(z.string().max(20, '每个标签不超过 20 个字符')).max(10, '标签最多 10 个')),
	regulations: z
		.string()
		.default('')
		.transform((text, ctx) =>
			text
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean)
				.map((line, index) => {
					const [name = '', article, effectiveDate] = line.split(SEPARATOR).map((part) => part.trim())
					const parsed = RegulationRefSchema.safeParse({ name, article: article || undefined, effectiveDate: effectiveDate || undefined })
					if (!parsed.success) ctx.addIssue({ code: 'custom', message: `第 ${index + 1} 条法规：${parsed.error.issues[0]!.message}` })
					return parsed.success ? parsed.data : { name }
				}),
		),
	body: z.string({ error: '请填写正文' }).max(MARKUP_LIMITS.maxBodyChars, `正文过长：最多 ${MARKUP_LIMITS.maxBodyChars} 个字符，请拆成几个课时`),
})
export type LessonEditorInput = z.infer<typeof LessonEditorSchema>

export function sourceFromEditor({ body, ...frontmatter }: LessonEditorInput) {
	const source = composeLessonSource(frontmatter, body)
	const bodyLineOffset = source.slice(0, source.length - normalizeSource(body).replace(/^\n+/, '').length).split('\n').length - 1
	return { source, bodyLineOffset }
}

/** An issue as the editor shows it: on a body line (and column, when known), or about the form fields (line null). */
export type EditorIssue = { line: number | null; column?: number; message: string }

/**
 * A refusal or warning placed on the body line the editor shows (a column counts within its
 * line, the same in the file and in the body), or on the form fields above it.
 */
export function editorIssue(issue: LessonIssue, bodyLineOffset: number, { warning = false } = {}): EditorIssue {
	if (issue.line > bodyLineOffset) {
		const line = issue.line - bodyLineOffset
		const where = issue.column ? `正文第${line}行第${issue.column}列` : `正文第${line}行`
		return { line, ...(issue.column ? { column: issue.column } : {}), message: `${where}：${issue.message}` }
	}
	return { line: null, message: `${warning ? '课时信息提醒' : '课时信息有误'}：${issue.message}` }
}
