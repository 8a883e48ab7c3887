// A lesson file is YAML frontmatter between `---` lines, then the MDX body. The frontmatter
// is split and parsed here, never by gray-matter, whose `---js` blocks run JavaScript.
import { parseDocument, stringify as stringifyYaml } from 'yaml'
import { z } from 'zod'
import type { LessonIssue } from './issues.ts'

const DateStringSchema = z
	.string({ error: '日期须写成 YYYY-MM-DD' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, '日期须写成 YYYY-MM-DD')
	.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), '日期不存在')

export const RegulationRefSchema = z.strictObject(
	{
		name: z.string({ error: '法规须写明 name（名称）' }).trim().min(1, '法规须写明 name（名称）').max(100, '法规名称不能超过 100 个字符'),
		article: z.string({ error: 'article 须为文字' }).trim().max(50, '条款不能超过 50 个字符').optional(),
		effectiveDate: DateStringSchema.optional(),
	},
	{ error: (issue) => (issue.code === 'unrecognized_keys' ? `法规引用不支持字段 ${issue.keys.join('、')}` : '法规引用须写成 name / article / effectiveDate') },
)
export type RegulationRef = z.infer<typeof RegulationRefSchema>

export const LessonFrontmatterSchema = z.strictObject(
	{
		title: z.string({ error: '前言缺少 title（课时标题）' }).trim().min(1, '前言缺少 title（课时标题）').max(100, '标题不能超过 100 个字符'),
		summary: z.string({ error: 'summary 须为文字' }).trim().max(500, '摘要不能超过 500 个字符').default(''),
		estimatedMinutes: z
			.number({ error: '前言缺少 estimatedMinutes（预计学习分钟数）' })
			.int('estimatedMinutes 须为整数')
			.min(1, 'estimatedMinutes 至少为 1')
			.max(240, 'estimatedMinutes 不能超过 240'),
		tags: z.array(z.string({ error: '标签须为文字' }).trim().min(1, '标签不能为空').max(20, '标签不能超过 20 个字符'), { error: 'tags 须为列表' }).max(10, '标签最多 10 个').default([]),
		regulations: z.array(RegulationRefSchema, { error: 'regulations 须为列表' }).max(20, '法规引用最多 20 条').default([]),
	},
	{ error: (issue) => (issue.code === 'unrecognized_keys' ? `前言不支持字段 ${issue.keys.join('、')}` : '前言须为 YAML 键值') },
)
export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>

export type SplitSource = { frontmatter: LessonFrontmatter; body: string; bodyLineOffset: number }

/** Line breaks normalised, BOM dropped: hashes and line numbers then agree on every OS. */
export function normalizeSource(source: string) {
	return source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n')
}

export type FrontmatterBlock = { data: unknown; yamlLines: string[]; body: string; bodyLineOffset: number }

/** The YAML between the opening and closing `---` lines, parsed safely (no aliases, no custom tags). */
export function readFrontmatterBlock(normalized: string, what: string): { ok: true; value: FrontmatterBlock } | { ok: false; issue: LessonIssue } {
	const lines = normalized.split('\n')
	const first = lines[0] ?? ''
	if (!first.startsWith('---')) return { ok: false, issue: { line: 1, message: `${what}须以 --- 开头的前言开始` } }
	if (first.trim() !== '---') return { ok: false, issue: { line: 1, message: '前言只能使用 YAML：第一行只写 ---' } }
	const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---')
	if (closing < 0) return { ok: false, issue: { line: 1, message: '前言缺少结束的 --- 行' } }
	const yamlLines = lines.slice(1, closing)
	const parsed = parseSafeYaml(yamlLines.join('\n'))
	if (!parsed.ok) return { ok: false, issue: { line: parsed.issue.line + 1, message: parsed.issue.message } }
	return { ok: true, value: { data: parsed.data ?? {}, yamlLines, body: lines.slice(closing + 1).join('\n'), bodyLineOffset: closing + 1 } }
}

/** Plain YAML data only: a tag such as !!js/function or an alias is refused, not guessed at. */
export function parseSafeYaml(text: string): { ok: true; data: unknown } | { ok: false; issue: LessonIssue } {
	const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true })
	const [problem] = [...document.errors, ...document.warnings]
	if (problem) {
		const message = problem.code === 'TAG_RESOLVE_FAILED' ? '不支持 YAML 标签（如 !!js/function），请只写文字、数字和列表' : `YAML 格式有误：${problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`
		return { ok: false, issue: { line: problem.linePos?.[0].line ?? 1, message } }
	}
	try {
		return { ok: true, data: document.toJS({ maxAliasCount: 0 }) }
	} catch {
		return { ok: false, issue: { line: 1, message: '不支持 YAML 别名（&、*），请直接写出内容' } }
	}
}

/** The first zod issue, placed on the line (within the whole file) of the key it is about. */
export function frontmatterIssue(error: z.ZodError, yamlLines: string[], firstYamlLine: number): LessonIssue {
	const issue = error.issues[0]!
	const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0]
	const startsWithKey = (line: string) => typeof key === 'string' && line.trimStart().startsWith(key) && /^\s*:/.test(line.trimStart().slice(key.length))
	const index = yamlLines.findIndex(startsWithKey)
	return { line: index < 0 ? 1 : index + firstYamlLine, message: issue.message }
}

export function splitLessonSource(normalized: string): { ok: true; value: SplitSource } | { ok: false; issue: LessonIssue } {
	const block = readFrontmatterBlock(normalized, '课时')
	if (!block.ok) return block
	const { data, yamlLines, body, bodyLineOffset } = block.value
	const parsed = LessonFrontmatterSchema.safeParse(data)
	if (!parsed.success) return { ok: false, issue: frontmatterIssue(parsed.error, yamlLines, 2) }
	return { ok: true, value: { frontmatter: parsed.data, body, bodyLineOffset } }
}

/** Writes a lesson file from editor fields: the same format as the files kept in git. */
export function composeLessonSource(frontmatter: LessonFrontmatter, body: string) {
	const fields: Record<string, unknown> = {
		title: frontmatter.title,
		summary: frontmatter.summary,
		estimatedMinutes: frontmatter.estimatedMinutes,
	}
	if (frontmatter.tags.length) fields.tags = frontmatter.tags
	if (frontmatter.regulations.length) fields.regulations = frontmatter.regulations
	return `---\n${stringifyYaml(fields).trimEnd()}\n---\n\n${normalizeSource(body).replace(/^\n+/, '')}`
}
