// The lesson corpus (tests/fixtures/lesson-corpus/, issue 14 part 10): real documents written by
// others, each with its expected verdict in manifest.json. Shared by the integration test
// (tests/integration/lesson-corpus.test.ts) and the benchmark (bench/lesson-page.bench.ts), so
// both lay the corpus out as one git-kept course, read content:sync's verdicts the same way and
// judge rendered HTML by the same rules.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { LessonContent } from '#app/components/mdx/lesson-content.tsx'
import type { SyncReport } from '#app/courses/git-sync.server.ts'
import { lessonWorkers } from '#app/courses/mdx/lesson-workers.server.ts'
import { checkUrl } from '#app/courses/mdx/safe-url.ts'

export const CORPUS_DIR = path.resolve(import.meta.dirname, 'fixtures/lesson-corpus')
export const CORPUS_COURSE_SLUG = 'lesson-corpus'
/** Images shipped with the corpus, copied into the course folder as they sit beside the documents. */
const SHIPPED_IMAGES_DIR = '_images'

export type CorpusExpectation = 'accept' | { refuse: string; line?: number }
export type CorpusDocument = {
	/** The file name in the corpus folder. */
	file: string
	expect: CorpusExpectation
	source: string
	/** The lesson file it becomes in the course folder content:sync reads. */
	lessonFile: string
	lessonSlug: string
}

export function loadCorpus(): CorpusDocument[] {
	const manifest = JSON.parse(readFileSync(path.join(CORPUS_DIR, 'manifest.json'), 'utf8')) as { file: string; expect: CorpusExpectation }[]
	return manifest.map(({ file, expect }, index) => {
		const lessonSlug = file.replace(/\.mdx?$/, '')
		return {
			file,
			expect,
			source: readFileSync(path.join(CORPUS_DIR, file), 'utf8'),
			lessonSlug,
			lessonFile: `${String(index + 1).padStart(2, '0')}-${lessonSlug}.mdx`,
		}
	})
}

/** A content root holding the corpus as one course, each document a lesson file as it is, with the shipped images beside them. */
export function layOutAsCourse(documents: CorpusDocument[]): string {
	const root = mkdtempSync(path.join(tmpdir(), 'lesson-corpus-'))
	const dir = path.join(root, CORPUS_COURSE_SLUG)
	mkdirSync(dir)
	writeFileSync(path.join(dir, 'course.yaml'), 'title: 讲师已有材料语料\nsummary: 他人所写的真实文档，原样同步。\ntopic: 综合\naudiences: [部门]\n')
	for (const document of documents) writeFileSync(path.join(dir, document.lessonFile), document.source)
	if (existsSync(path.join(CORPUS_DIR, SHIPPED_IMAGES_DIR))) cpSync(path.join(CORPUS_DIR, SHIPPED_IMAGES_DIR), path.join(dir, SHIPPED_IMAGES_DIR), { recursive: true })
	return root
}

/**
 * Starts both lesson worker threads with a generous limit and returns how long that took. Run
 * from source, a worker loads the whole Markdown pipeline through tsx; on this 2-core machine
 * under other work (load average above 20) that has taken over the 10 s a check may run, so
 * the first documents synced were refused as "too complex" for the worker's start, not their
 * text. The built server loads one bundled worker file; the corpus is about verdicts.
 */
export async function startLessonWorkers(): Promise<number> {
	const started = performance.now()
	const warm = () => lessonWorkers.run({ kind: 'check', source: '---\ntitle: 预热\n---\n正文' }, 180_000)
	await Promise.all([warm(), warm()])
	return Math.round(performance.now() - started)
}

export type CorpusVerdict = { ok: true } | { ok: false; line: number | null; message: string }

/** content:sync's verdict on each document: refused when the report names its lesson file. */
export function verdictsFrom(report: SyncReport, documents: CorpusDocument[]): Map<string, CorpusVerdict> {
	const verdicts = new Map<string, CorpusVerdict>()
	for (const document of documents) {
		const error = report.errors.find((entry) => entry.file === `${CORPUS_COURSE_SLUG}/${document.lessonFile}`)
		if (!error) verdicts.set(document.file, { ok: true })
		else {
			const line = /第\s*(\d+)\s*行/.exec(error.message)
			verdicts.set(document.file, { ok: false, line: line ? Number(line[1]) : null, message: error.message })
		}
	}
	return verdicts
}

/** Why a verdict differs from the manifest, or null when it matches. */
export function verdictMismatch(expect: CorpusExpectation, verdict: CorpusVerdict): string | null {
	if (expect === 'accept') return verdict.ok ? null : `应接受，却被拒绝：${verdict.message}`
	if (verdict.ok) return `应以“${expect.refuse}”拒绝，却被接受`
	if (!verdict.message.toLowerCase().includes(expect.refuse.toLowerCase())) return `应以“${expect.refuse}”拒绝，实际：${verdict.message}`
	if (expect.line !== undefined && verdict.line !== expect.line) return `应指出第${expect.line}行，实际：${verdict.message}`
	return null
}

export function renderLessonHtml(code: string): string {
	return renderToStaticMarkup(createElement(LessonContent, { code, runtime: { problems: {}, checks: { mode: 'preview' } } }))
}

const DANGEROUS_TAG = /<\s*\/?\s*(script|iframe|frame|frameset|style|object|embed|link|meta|base|form|input|button|textarea|select|template)\b/i
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'srcset'])

function decodeEntities(value: string) {
	return value
		.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
		.replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
		.replace(/&quot;/g, '"')
		.replace(/&#x27;|&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
}

/** KaTeX's own inline geometry and colours: lengths and colour values only, nothing that loads or runs. */
const KATEX_STYLE =
	/^(\s*((height|depth|vertical-align|top|bottom|left|right|width|min-width|max-width|margin-(left|right|top|bottom)|padding-(left|right)|border-(bottom|top|right)-width|position)\s*:\s*(-?[\d.]+(em|ex|px|pt)?|relative|absolute)|(color|background-color)\s*:\s*(#[0-9a-f]{3,8}|[a-z]+))\s*;?)+\s*$/i
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

/**
 * Every tag, attribute or URL in rendered HTML that could run code or restyle the page. KaTeX
 * output is checked like the rest, except the lengths and colours KaTeX itself writes into
 * `style` inside a `class="katex…"` element (an author's `style` elsewhere is always reported).
 */
export function dangersIn(html: string): string[] {
	const dangers: string[] = []
	const tag = DANGEROUS_TAG.exec(html)
	if (tag) dangers.push(`tag ${tag[0]}`)
	const open: { name: string; katex: boolean }[] = []
	for (const [element, closing, rawName, rest] of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*)>/g)) {
		const name = rawName!.toLowerCase()
		if (closing) {
			const at = open.map((entry) => entry.name).lastIndexOf(name)
			if (at >= 0) open.length = at
			continue
		}
		const katex = open.some((entry) => entry.katex) || /\sclass="(?:[^"]*\s)?katex(?:-display)?(?:\s[^"]*)?"/.test(rest!)
		if (!VOID_ELEMENTS.has(name) && !rest!.endsWith('/')) open.push({ name, katex })
		for (const attribute of element.matchAll(/\s([^\s"'=<>/]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
			const attributeName = attribute[1]!.toLowerCase()
			const value = decodeEntities((attribute[2] ?? '').replace(/^["']|["']$/g, ''))
			if (attributeName.startsWith('on')) dangers.push(`event attribute ${attributeName}`)
			if (URL_ATTRIBUTES.has(attributeName) && !checkUrl(value, attributeName === 'href' ? 'link' : 'media').ok) dangers.push(`${attributeName}=${value}`)
			if (attributeName === 'srcdoc') dangers.push('attribute srcdoc')
			if (attributeName === 'style' && !(katex && KATEX_STYLE.test(value))) dangers.push(`style on ${element.slice(0, 60)}`)
		}
	}
	return dangers
}

/** The source outside fenced code blocks and inline code: where the author's constructs are. */
function proseOf(source: string) {
	return source.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '')
}

export type CorpusFeatures = { math: boolean; callouts: boolean; footnotes: boolean; shippedImages: string[] }

/** What a harmless document uses that must render as meant. */
export function featuresOf(source: string): CorpusFeatures {
	const prose = proseOf(source)
	return {
		math: /\$\$[\s\S]+?\$\$|(^|[^\\$])\$[^\s$][^$\n]*?\$(?!\d)/m.test(prose),
		callouts:
			/^:::\s*(tip|note|info|warning|danger)\b/im.test(prose) ||
			/^>\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/im.test(prose) ||
			/^(!!!|\?\?\?\+?)\s*[a-z]+/m.test(prose),
		footnotes: /^\[\^[^\]\s]+\]:/m.test(prose) && /\[\^[^\]\s]+\](?!:)/.test(prose),
		shippedImages: [...prose.matchAll(/!\[[^\]]*\]\((_images\/[^\s)]+)/g)].map((match) => match[1]!),
	}
}

/** How the rendered HTML falls short of what the document uses (empty when it does not). */
export function featureProblems(features: CorpusFeatures, html: string): string[] {
	const problems: string[] = []
	if (features.math && !/class="katex/.test(html)) problems.push('公式未渲染为 KaTeX')
	// KaTeX shows what it cannot read in its error colour: a parse error, or a command it lacks as text.
	const unread = [...html.matchAll(/<mtext>(\\[a-zA-Z]+)<\/mtext>/g)].map((match) => match[1]!)
	if (/class="katex-error"/.test(html) || unread.length) problems.push(`公式有 KaTeX 不认识的写法：${[...new Set(unread)].join('、') || 'katex-error'}`)
	if (features.callouts && !/<aside\b[^>]*role="note"/.test(html)) problems.push('提示块未渲染为 Callout')
	if (features.footnotes) {
		const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!))
		const footnoteLinks = [...html.matchAll(/\shref="#([^"]*fn[^"]*)"/g)].map((match) => decodeEntities(match[1]!))
		if (footnoteLinks.length === 0) problems.push('脚注没有链接')
		const dead = footnoteLinks.filter((id) => !ids.has(id))
		if (dead.length) problems.push(`脚注链接无目标：${dead.join('、')}`)
	}
	for (const image of features.shippedImages) {
		// The reference became a stored image's URL (/lesson-images/<sha256>.<ext>), not the file path.
		if (html.includes(`src="${image}"`) || !/<img\b[^>]*\ssrc="\/lesson-images\/[0-9a-f]{64}\.(png|jpg|webp|gif)"/.test(html)) problems.push(`图片 ${image} 未指向已保存的图片`)
	}
	const headings = [...html.matchAll(/<h([23])\b([^>]*)>/g)]
	const withoutId = headings.filter((match) => !/\sid="[^"]+"/.test(match[2]!))
	if (withoutId.length) problems.push(`${withoutId.length} 个 h2/h3 标题没有 id`)
	return problems
}
