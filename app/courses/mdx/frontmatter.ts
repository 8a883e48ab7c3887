// A lesson file is YAML frontmatter between `---` lines, then the Markdown body. The
// frontmatter is split and parsed here (never by gray-matter, whose `---js` blocks run
// JavaScript). Only `title` is required: `estimatedMinutes` is estimated from the text when
// missing, and keys a lesson does not use (`aliases`, `icon`, …) are kept in the file and
// reported as warnings, not refused (ADR 015).
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

export const LESSON_FRONTMATTER_KEYS = ['title', 'summary', 'estimatedMinutes', 'tags', 'regulations'] as const

export const LessonFrontmatterSchema = z.object(
	{
		title: z.string({ error: '前言缺少 title（课时标题）' }).trim().min(1, '前言缺少 title（课时标题）').max(100, '标题不能超过 100 个字符'),
		summary: z.string({ error: 'summary 须为文字' }).trim().max(500, '摘要不能超过 500 个字符').default(''),
		estimatedMinutes: z
			.number({ error: 'estimatedMinutes（预计学习分钟数）须为数字' })
			.int('estimatedMinutes 须为整数')
			.min(1, 'estimatedMinutes 至少为 1')
			.max(240, 'estimatedMinutes 不能超过 240')
			.optional(),
		tags: z.array(z.string({ error: '标签须为文字' }).trim().min(1, '标签不能为空').max(20, '标签不能超过 20 个字符'), { error: 'tags 须为列表' }).max(10, '标签最多 10 个').default([]),
		regulations: z.array(RegulationRefSchema, { error: 'regulations 须为列表' }).max(20, '法规引用最多 20 条').default([]),
	},
	{ error: () => '前言须为 YAML 键值' },
)
export type LessonFrontmatter = Omit<z.infer<typeof LessonFrontmatterSchema>, 'estimatedMinutes'> & { estimatedMinutes: number }

export type SplitSource = {
	frontmatter: LessonFrontmatter
	body: string
	bodyLineOffset: number
	/** Keys a lesson does not use: kept in the file, named here with their line. */
	warnings: LessonIssue[]
}

/** Reading speeds for the estimate (ADR 015): Chinese characters and other words per minute. */
export const READING_SPEED = { cjkCharsPerMinute: 300, wordsPerMinute: 200 } as const

/** Minutes a learner needs to read the body, when the frontmatter does not say. */
export function estimateReadingMinutes(body: string) {
	const text = body.replace(/^(```|~~~)[\s\S]*?^\1/gm, ' ').replace(/<[^>]*>/g, ' ')
	const cjk = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0
	const words = text.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, ' ').match(/[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*/g)?.length ?? 0
	const minutes = Math.ceil(cjk / READING_SPEED.cjkCharsPerMinute + words / READING_SPEED.wordsPerMinute)
	return Math.min(240, Math.max(1, minutes))
}

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
	if (!parsed.ok) return { ok: false, issue: { ...parsed.issue, line: parsed.issue.line + 1 } }
	return { ok: true, value: { data: parsed.data ?? {}, yamlLines, body: lines.slice(closing + 1).join('\n'), bodyLineOffset: closing + 1 } }
}

/** The yaml package's error codes, said in Chinese (its own messages are English). */
const YAML_MESSAGES: Record<string, string> = {
	TAG_RESOLVE_FAILED: '不支持 YAML 标签（如 !!js/function），请只写文字、数字和列表',
	DUPLICATE_KEY: 'YAML 格式有误：同一个字段写了两次',
	BAD_INDENT: 'YAML 格式有误：缩进不对，或方括号、引号没有闭合',
	TAB_AS_INDENT: 'YAML 格式有误：缩进不能用 Tab，请改用空格',
	MISSING_CHAR: 'YAML 格式有误：缺少闭合的引号或括号',
	MULTILINE_IMPLICIT_KEY: 'YAML 格式有误：字段名不能跨行，冒号后请加空格',
	BLOCK_AS_IMPLICIT_KEY: 'YAML 格式有误：字段名写法不对，冒号后请加空格',
	BAD_SCALAR_START: 'YAML 格式有误：这个值不能以该符号开头，请给它加上引号',
	BAD_DQ_ESCAPE: 'YAML 格式有误：双引号中的反斜杠转义无效',
	UNEXPECTED_TOKEN: 'YAML 格式有误：此处有多余的符号',
	BAD_ALIAS: '不支持 YAML 别名（&、*），请直接写出内容',
	BAD_DIRECTIVE: 'YAML 格式有误：不支持 % 指令',
	BLOCK_IN_FLOW: 'YAML 格式有误：方括号或花括号里不能换行写块',
	KEY_OVER_1024_CHARS: 'YAML 格式有误：字段名过长',
	MISSING_ANCHOR: '不支持 YAML 别名（&、*），请直接写出内容',
	MULTIPLE_DOCS: 'YAML 格式有误：前言里只能有一个 YAML 文档',
}

function yamlMessage(code: string) {
	return YAML_MESSAGES[code] ?? 'YAML 格式有误，请检查冒号、缩进和引号'
}

/** Plain YAML data only: a tag such as !!js/function or an alias is refused, not guessed at. */
export function parseSafeYaml(text: string): { ok: true; data: unknown } | { ok: false; issue: LessonIssue } {
	const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true })
	const [problem] = [...document.errors, ...document.warnings]
	if (problem) {
		const at = problem.linePos?.[0]
		return { ok: false, issue: { line: at?.line ?? 1, ...(at?.col ? { column: at.col } : {}), message: yamlMessage(problem.code) } }
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
	if (index < 0) return { line: 1, message: issue.message }
	return { line: index + firstYamlLine, column: yamlLines[index]!.length - yamlLines[index]!.trimStart().length + 1, message: issue.message }
}

/** Top-level keys a lesson does not use, each with its line and column in the file. */
function unknownKeyWarnings(data: unknown, yamlLines: string[], firstYamlLine: number): LessonIssue[] {
	if (!data || typeof data !== 'object' || Array.isArray(data)) return []
	const known = new Set<string>(LESSON_FRONTMATTER_KEYS)
	return Object.keys(data)
		.filter((key) => !known.has(key))
		.map((key) => {
			const index = yamlLines.findIndex((line) => /^\S/.test(line) && line.startsWith(key) && /^\s*:/.test(line.slice(key.length)))
			const message = `前言字段 ${key} 课时不使用：已原样保留，不会显示给学员（可用字段：${LESSON_FRONTMATTER_KEYS.join('、')}）`
			return index < 0 ? { line: 1, message } : { line: index + firstYamlLine, column: 1, message }
		})
}

export function splitLessonSource(normalized: string): { ok: true; value: SplitSource } | { ok: false; issue: LessonIssue } {
	const block = readFrontmatterBlock(normalized, '课时')
	if (!block.ok) return block
	const { data, yamlLines, body, bodyLineOffset } = block.value
	if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, issue: { line: 2, message: '前言须为 YAML 键值，如 title: 课时标题' } }
	const parsed = LessonFrontmatterSchema.safeParse(data)
	if (!parsed.success) return { ok: false, issue: frontmatterIssue(parsed.error, yamlLines, 2) }
	const frontmatter = { ...parsed.data, estimatedMinutes: parsed.data.estimatedMinutes ?? estimateReadingMinutes(body) }
	return { ok: true, value: { frontmatter, body, bodyLineOffset, warnings: unknownKeyWarnings(data, yamlLines, 2) } }
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
