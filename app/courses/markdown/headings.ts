// Anchors in a lesson: every heading gets a stable id, in-page links and footnote links are
// pointed at the ids that really exist, and the h2/h3 list feeds the lesson's table of contents.
//
// Ids and DOM clobbering: an element's id becomes a property of `window` in the browser, so a
// heading "process" would shadow `process` for every script on the page, and "main-content"
// would collide with the app's own ids. Lesson ids therefore live in one namespace,
// `user-content-` (the prefix remark-rehype gives footnote ids), with one exception: an id with
// a non-ASCII character (`一预算法概述`) cannot collide with the app's ASCII ids nor shadow
// anything scripts read, so Chinese headings keep their readable ids. Ids a lecturer writes in
// HTML never reach the page (the sanitize settings below admit only the footnote ids).
//
// Order in the lesson pipeline (ADR 015): remark-rehype with FOOTNOTE_REMARK_REHYPE_OPTIONS →
// rehype-raw → gate → rehype-sanitize with FOOTNOTE_SANITIZE_SETTINGS merged in →
// rehypeHeadingIds → rehype-katex.
import GithubSlugger, { slug as slugOf } from 'github-slugger'
import type { Element, ElementContent, Root, RootContent } from 'hast'
import type { SanitizeSettings } from './sanitize-settings.ts'

export const LESSON_ID_PREFIX = 'user-content-'

/**
 * remark-rehype options: footnote ids and links with remark-rehype's own prefix
 * (`user-content-fn-1`, `#user-content-fn-1`, back-links `#user-content-fnref-1`), Chinese
 * labels for the section and the back-links.
 */
export const FOOTNOTE_REMARK_REHYPE_OPTIONS = {
	clobberPrefix: LESSON_ID_PREFIX,
	footnoteLabel: '脚注',
	footnoteBackLabel: (referenceIndex: number, rereferenceIndex: number) =>
		`返回正文引用处 ${referenceIndex + 1}${rereferenceIndex > 1 ? `-${rereferenceIndex}` : ''}`,
}

/**
 * The sanitize schema's part for footnotes. Clobbering OFF (`clobber: []`): with rehype-sanitize's
 * default (prefix `user-content-` on id, name, aria-describedby, aria-labelledby) the footnote
 * ids, already prefixed by remark-rehype, become `user-content-user-content-fn-1` while the links
 * keep `#user-content-fn-1`: every footnote link dead. Instead the ids the schema admits are
 * only the footnote ones, by pattern, so nothing a lecturer writes can name an element freely.
 * Heading ids need no entry: rehypeHeadingIds runs after the sanitizer.
 */
export const FOOTNOTE_SANITIZE_SETTINGS = {
	clobber: [],
	clobberPrefix: '',
	tagNames: ['sup', 'section', 'h2', 'ol', 'li', 'a', 'p'],
	attributes: {
		a: [
			'href',
			['id', /^user-content-fnref-/],
			'dataFootnoteRef',
			'dataFootnoteBackref',
			['ariaDescribedBy', 'footnote-label'],
			'ariaLabel',
			['className', 'data-footnote-backref'],
		],
		li: [['id', /^user-content-fn-/]],
		section: ['dataFootnotes', ['className', 'footnotes']],
		h2: [['id', 'footnote-label'], ['className', 'sr-only']],
	},
} satisfies SanitizeSettings

export type TableOfContentsEntry = { depth: 2 | 3; id: string; text: string }

const HEADING = /^h[1-6]$/

/** An id that may be used as it is (see the top of this file). */
export function isSafeLessonId(id: string) {
	return id.startsWith(LESSON_ID_PREFIX) || [...id].some((char) => char.codePointAt(0)! > 0x7f)
}

function safeId(id: string) {
	return isSafeLessonId(id) ? id : LESSON_ID_PREFIX + id
}

type Parent = Root | Element

function* elements(node: Parent, inFootnotes = false): Generator<{ element: Element; inFootnotes: boolean }> {
	for (const child of node.children) {
		if (child.type !== 'element') continue
		yield { element: child, inFootnotes }
		yield* elements(child, inFootnotes || child.properties.dataFootnotes !== undefined)
	}
}

/** The text a reader sees in a heading: footnote calls left out, math as its TeX source. */
export function headingText(node: Element | RootContent | ElementContent): string {
	if (node.type === 'text') return node.value
	if (node.type !== 'element') return ''
	if (node.properties.dataFootnoteRef !== undefined) return ''
	const classes = Array.isArray(node.properties.className) ? node.properties.className : []
	if (classes.includes('katex')) {
		const annotation = [...elements(node)].find(({ element }) => element.tagName === 'annotation')?.element
		return annotation ? headingText(annotation) : ''
	}
	if (String(node.properties.ariaHidden) === 'true') return ''
	return node.children.map(headingText).join('')
}

function readable(text: string) {
	return text.replace(/\s+/g, ' ').trim()
}

export function rehypeHeadingIds() {
	return function transform(tree: Root) {
		const taken = new Set<string>()
		for (const { element } of elements(tree)) {
			const id = element.properties.id
			if (typeof id === 'string' && id) taken.add(id)
		}
		const slugger = new GithubSlugger()
		for (const { element, inFootnotes } of elements(tree)) {
			if (!HEADING.test(element.tagName) || inFootnotes) continue
			const existing = element.properties.id
			if (typeof existing === 'string' && existing) {
				if (isSafeLessonId(existing)) continue
				taken.delete(existing)
			}
			const text = readable(headingText(element))
			if (!text && !existing) continue
			let id = safeId(typeof existing === 'string' && existing ? existing : slugger.slug(text))
			while (taken.has(id) || id === LESSON_ID_PREFIX) id = safeId(slugger.slug(text || 'heading'))
			element.properties.id = id
			taken.add(id)
		}
		pointInPageLinks(tree, taken)
	}
}

function decoded(fragment: string) {
	try {
		return decodeURIComponent(fragment)
	} catch {
		return fragment
	}
}

/**
 * Points `#…` links at the id they mean: as written (a footnote id keeps remark-rehype's
 * percent-encoding), decoded, lower case, as the slug of a heading's text; each also prefixed.
 */
function pointInPageLinks(tree: Root, ids: Set<string>) {
	const names = new Set<string>()
	for (const { element } of elements(tree)) {
		if (element.tagName === 'a' && typeof element.properties.name === 'string') names.add(element.properties.name)
	}
	const exists = (id: string) => ids.has(id) || names.has(id)
	for (const { element } of elements(tree)) {
		const href = element.properties.href
		if (element.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#') || href.length < 2) continue
		const raw = href.slice(1)
		const wanted = decoded(raw)
		const candidates = [raw, wanted, wanted.toLowerCase(), slugOf(wanted)].flatMap((id) => [id, LESSON_ID_PREFIX + id])
		const target = candidates.find(exists)
		if (target) element.properties.href = `#${target}`
	}
}

/** In-page links in a tree that rehypeHeadingIds has run on whose target is not in the lesson. */
export function deadInPageLinks(tree: Root) {
	const ids = new Set<string>()
	for (const { element } of elements(tree)) {
		for (const key of ['id', 'name'] as const) {
			const value = element.properties[key]
			if (typeof value === 'string') ids.add(value)
		}
	}
	return [...elements(tree)]
		.map(({ element }) => element)
		.filter((element) => {
			const href = element.properties.href
			return element.tagName === 'a' && typeof href === 'string' && href.startsWith('#') && href.length > 1 && !ids.has(href.slice(1)) && !ids.has(decoded(href.slice(1)))
		})
		.map((element) => ({ href: String(element.properties.href), line: element.position?.start.line, column: element.position?.start.column }))
}

/** The lesson's h2 and h3 headings, in order, for its table of contents. */
export function collectTableOfContents(tree: Root): TableOfContentsEntry[] {
	const entries: TableOfContentsEntry[] = []
	for (const { element, inFootnotes } of elements(tree)) {
		if ((element.tagName !== 'h2' && element.tagName !== 'h3') || inFootnotes) continue
		const id = element.properties.id
		const text = readable(headingText(element))
		if (typeof id !== 'string' || !id || !text) continue
		entries.push({ depth: element.tagName === 'h2' ? 2 : 3, id, text })
	}
	return entries
}
