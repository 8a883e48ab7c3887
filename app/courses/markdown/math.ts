// Math in lessons: `$…$` and `$$…$$` (remark-math) typeset once on the server by KaTeX through
// rehype-katex; the stored tree holds KaTeX's markup and the browser runs nothing.
//
// Order (ADR 015): … → rehype-sanitize (schema with MATH_SANITIZE_ALLOW) → rehypeHeadingIds →
// rehypeLessonMath. The sanitizer runs BEFORE KaTeX, so it only has to let through what
// remark-math writes (`<code class="language-math math-inline">`, `<pre><code class="language-math
// math-display">`), never KaTeX's own markup, which needs `style` on its spans (heights, struts,
// colours) — a `style` a lecturer writes in HTML is still removed by the sanitizer. What
// KaTeX emits is safe by its settings: `trust: false` (no \href, \url, \includegraphics,
// \htmlStyle, \htmlClass…), sizes capped by `maxSize`, macro expansion by `maxExpand`.
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast'
import katex, { type KatexOptions } from 'katex'
// mhchem's \ce and \pu (chemical equations, units), as KaTeX's docs load it: registered once on KaTeX's
// own macro table, so rehype-katex (the same katex module) typesets them.
import 'katex/contrib/mhchem'
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast'
import type { InlineMath, Math as MathBlock } from 'mdast-util-math'
import rehypeKatex from 'rehype-katex'
import type { VFile } from 'vfile'
import { issueAt, type MarkdownIssue } from './markdown-issue.ts'
import type { SanitizeSettings } from './sanitize-settings.ts'

/**
 * KaTeX settings for server rendering.
 * - output 'htmlAndMathml': the HTML draws the formula (with katex.min.css), the MathML beside it
 *   is what screen readers read (the HTML half is aria-hidden); 'html' alone would leave
 *   screen-reader users with nothing.
 * - trust false: commands that make links, images, classes, ids or styles are shown as errors.
 * - maxSize 10 (em): no \rule or \kern that covers the page; maxExpand 1000: `\def\a{\a\a}\a` stops.
 * - strict 'ignore': Chinese text inside a formula (`$收入=成本+利润$`) is normal here, not a warning.
 * - no `macros` object: KaTeX makes a fresh one per formula, so a `\gdef` in one lesson never
 *   reaches another (a shared object would carry it across lessons).
 * rehype-katex itself renders with throwOnError true first (to report the error as a file
 * message), then again with throwOnError false: a bad formula shows as its TeX in red.
 */
export const KATEX_OPTIONS = {
	output: 'htmlAndMathml',
	trust: false,
	strict: 'ignore',
	maxSize: 10,
	maxExpand: 1000,
	errorColor: '#b91c1c',
} as const satisfies Omit<KatexOptions, 'displayMode' | 'throwOnError'>

/** What the sanitize schema must allow for math: remark-math's elements and classes, nothing of KaTeX's. */
export const MATH_SANITIZE_ALLOW = {
	tagNames: ['code', 'pre'],
	attributes: { code: [['className', 'language-math', 'math-inline', 'math-display']] },
} satisfies SanitizeSettings

const TRANSLATIONS: Array<[RegExp, (...parts: string[]) => string]> = [
	[/^Undefined control sequence: (\S+)/, (command) => `不认识的命令 ${command}`],
	[/^Expected 'EOF', got '(.+?)'/, (got) => `多了一个“${got}”`],
	[/^Expected '(.+?)', got 'EOF'/, (expected) => `缺少“${expected}”`],
	[/^Expected '(.+?)', got '(.+?)'/, (expected, got) => `这里应是“${expected}”，却是“${got}”`],
	[/^Too many expansions/, () => '宏展开次数过多（可能是自己调用自己的 \\def）'],
	[/^Double superscript/, () => '连续两个上标，请用花括号分组，如 x^{a^b}'],
	[/^Double subscript/, () => '连续两个下标，请用花括号分组，如 x_{a_b}'],
	[/^Can't use function '(.+?)' in math mode/, (command) => `“${command}”不能用在公式里`],
	[/^Can't use function '(.+?)' in text mode/, (command) => `“${command}”不能用在文字里`],
	[/^Unknown environment '(.+?)'/, (name) => `不认识的环境 ${name}`],
	[/^Missing (.+?) inserted/, (what) => `缺少 ${what}`],
	[/^No such environment: (.+)/, (name) => `不认识的环境 ${name}`],
	[/^Invalid (size|color): '?(.+?)'?$/, (kind, value) => `无效的${kind === 'size' ? '尺寸' : '颜色'}“${value}”`],
]

/** KaTeX's English parse error in Chinese (the cause only; the caller says where). */
export function mathErrorInChinese(error: unknown) {
	const raw = error instanceof katex.ParseError ? error.rawMessage : error instanceof Error ? error.message : String(error)
	for (const [pattern, say] of TRANSLATIONS) {
		const match = pattern.exec(raw)
		if (match) return say(...match.slice(1))
	}
	return '公式写法有误'
}

function formulaProblem(value: string, displayMode: boolean) {
	try {
		katex.renderToString(value, { ...KATEX_OPTIONS, displayMode, throwOnError: true })
		return null
	} catch (error) {
		return mathErrorInChinese(error)
	}
}

/**
 * Formulas KaTeX cannot typeset, found on the Markdown tree (for the check that runs when a
 * lesson is saved or synced): line and column of the formula, the cause in Chinese.
 */
export function mathIssues(tree: MdastRoot): MarkdownIssue[] {
	const issues: MarkdownIssue[] = []
	const visit = (node: MdastNodes) => {
		if (node.type === 'inlineMath' || node.type === 'math') {
			const formula = node as InlineMath | MathBlock
			const problem = formulaProblem(formula.value, formula.type === 'math')
			if (problem) issues.push(issueAt(formula.position?.start, `数学公式有误：${problem}；公式按原文显示`))
			return
		}
		if ('children' in node) for (const child of node.children) visit(child)
	}
	visit(tree)
	return issues
}

/** rehype-katex with KATEX_OPTIONS, and a bad formula's tooltip in Chinese instead of KaTeX's English. */
export function rehypeLessonMath() {
	const typeset = rehypeKatex(KATEX_OPTIONS)
	return function transform(tree: HastRoot, file: VFile) {
		typeset(tree, file)
		const visit = (node: HastRoot | Element) => {
			for (const child of node.children as HastContent[]) {
				if (child.type !== 'element') continue
				const classes = Array.isArray(child.properties.className) ? child.properties.className : []
				if (classes.includes('katex-error')) {
					child.properties.title = `公式有误：${mathErrorInChinese(new Error(String(child.properties.title ?? '').replace(/^ParseError: KaTeX parse error: /, '')))}`
					continue
				}
				visit(child)
			}
		}
		visit(tree)
	}
}

/**
 * `$5 and $10` is money, not math: a single-dollar formula that starts with a digit and ends
 * with a space, or whose closing `$` is followed by a digit (Pandoc's rule, narrowed), is put
 * back as its text. `$x$`, `$ x = 1 $` and `$10$` stay math. Run it after remarkLessonCallouts,
 * which parses the content of source-read callouts again.
 */
export function remarkCurrencyDollars() {
	return function transform(tree: MdastRoot, file: VFile) {
		const source = String(file.value ?? '')
		const visit = (node: MdastNodes) => {
			if (!('children' in node)) return
			node.children = node.children.map((child) => {
				if (child.type !== 'inlineMath') return child
				const start = child.position?.start.offset
				const end = child.position?.end.offset
				if (start === undefined || end === undefined || end > source.length) return child
				const written = source.slice(start, end)
				const single = written.startsWith('$') && !written.startsWith('$$')
				const money = /^\d/.test(child.value) && (/\s$/.test(child.value) || /^\d/.test(source.slice(end)))
				return single && money ? { type: 'text', value: written, position: child.position } : child
			}) as typeof node.children
			for (const child of node.children) visit(child as MdastNodes)
		}
		visit(tree)
	}
}
