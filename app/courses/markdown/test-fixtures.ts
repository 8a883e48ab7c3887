// A small pipeline of the lesson's own parts for the extensions' tests: the parser extensions
// the lesson pipeline uses, then remark-rehype with raw HTML through rehype-raw, and HTML out
// with hast-util-to-html. Each test adds the plugins it checks.
import type { Root as HastRoot } from 'hast'
import { toHtml } from 'hast-util-to-html'
import type { Root as MdastRoot } from 'mdast'
import rehypeRaw from 'rehype-raw'
import type { Options as SanitizeSchema } from 'rehype-sanitize'
import remarkCjkFriendly from 'remark-cjk-friendly'
import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { type PluggableList, unified } from 'unified'
import { VFile } from 'vfile'

export const PARSER_PLUGINS: PluggableList = [remarkParse, remarkGfm, remarkMath, remarkDirective, remarkCjkFriendly]

export function markdownToHast(
	markdown: string,
	{ remark = [], rehype = [], remarkRehypeOptions = {} }: { remark?: PluggableList; rehype?: PluggableList; remarkRehypeOptions?: Record<string, unknown> } = {},
) {
	const processor = unified()
		.use(PARSER_PLUGINS)
		.use(remark)
		.use(remarkRehype, { allowDangerousHtml: true, ...remarkRehypeOptions })
		.use(rehypeRaw)
		.use(rehype)
	const file = new VFile({ value: markdown })
	const tree = processor.runSync(processor.parse(file) as MdastRoot, file) as HastRoot
	return { tree, file, html: toHtml(tree) }
}

export function markdownToMdast(markdown: string, remark: PluggableList = []) {
	const processor = unified().use(PARSER_PLUGINS).use(remark)
	const file = new VFile({ value: markdown })
	const tree = processor.runSync(processor.parse(file) as MdastRoot, file) as MdastRoot
	return { tree, file }
}

/**
 * An explicit sanitize schema shaped like the lesson pipeline's (no ids, names or styles from
 * the lecturer, GitHub's tags); each test merges in the settings of the extension it checks.
 */
export const TEST_SANITIZE_SCHEMA: SanitizeSchema = {
	strip: ['script', 'style'],
	clobber: [],
	clobberPrefix: '',
	protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https'] },
	tagNames: ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'strong', 'em', 'del', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'br', 'hr', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub', 'span', 'div', 'x-callout'],
	attributes: { a: ['href', 'title'], img: ['src', 'alt'], 'x-callout': ['type', 'title'], code: [['className', /^language-[\w-]+$/]] },
}
