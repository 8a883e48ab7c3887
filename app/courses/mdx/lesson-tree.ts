// What happens to a lesson's HTML tree after the gate, on the way to the stored tree:
// comments and unknown lowercase tags go (their text stays), `<font color>`, `<center>` and
// `align` become classes from a small fixed palette, knowledge-check answers are removed,
// image references are rewritten to where the image is served, and rehype-sanitize runs
// with the explicit schema below as a second line behind the gate. The result is stored as
// JSON and rendered by LessonContent with hast-util-to-jsx-runtime (nothing is evaluated).
import type { Element, ElementContent, Nodes, Parents, Root, RootContent } from 'hast'
import type { Schema } from 'hast-util-sanitize'
import { COMPONENTS, FORMATTING_HTML_TAGS } from './allow-list.ts'
import { answerValues, componentNameOf } from './gate.ts'
import { lineIndex } from './html-tags.ts'

/** `<font color>` values a lesson may use, each to one class (no lecturer `style` reaches a page). */
export const FONT_COLOR_CLASSES: Record<string, string> = {
	red: 'text-red-700',
	crimson: 'text-red-700',
	darkred: 'text-red-800',
	'#f00': 'text-red-700',
	'#ff0000': 'text-red-700',
	orange: 'text-orange-700',
	'#ffa500': 'text-orange-700',
	green: 'text-green-700',
	'#008000': 'text-green-700',
	'#0f0': 'text-green-700',
	'#00ff00': 'text-green-700',
	blue: 'text-blue-700',
	navy: 'text-blue-900',
	'#00f': 'text-blue-700',
	'#0000ff': 'text-blue-700',
	purple: 'text-purple-700',
	gray: 'text-gray-500',
	grey: 'text-gray-500',
	'#808080': 'text-gray-500',
}
export const ALIGN_CLASSES: Record<string, string> = { left: 'text-left', center: 'text-center', right: 'text-right', justify: 'text-justify' }

const ALLOWED_CLASSES = [...new Set([...Object.values(FONT_COLOR_CLASSES), ...Object.values(ALIGN_CLASSES)])]
/** Classes Markdown itself writes: math (remark-math), footnotes (GFM), task lists, code languages. */
const MARKDOWN_CLASSES = ['language-math', 'math-inline', 'math-display', 'footnotes', 'sr-only', 'data-footnote-backref', 'contains-task-list', 'task-list-item']

const COMPONENT_ATTRIBUTES: Record<string, string[]> = Object.fromEntries(
	Object.entries(COMPONENTS).map(([name, spec]) => [name, name === 'KnowledgeCheck' ? ['id', 'question', 'multiple'] : Object.keys(spec.attributes)]),
)

/**
 * The sanitize schema (hast-util-sanitize), written out rather than GitHub's default: only
 * the formatting tags, the components with their attributes and the classes above survive.
 * Footnote ids and math come from ADR 015-extensions' pieces, merged in markdown-pipeline.ts
 * (FOOTNOTE_SANITIZE_SETTINGS: clobbering off, ids only by footnote pattern; heading ids are
 * written after the sanitizer). Lecturer-written ids are removed before this runs.
 */
export const LESSON_SANITIZE_SCHEMA: Schema = {
	allowComments: false,
	allowDoctypes: false,
	clobber: [],
	clobberPrefix: '',
	strip: ['script', 'style', 'template', 'noscript'],
	ancestors: { tbody: ['table'], td: ['table'], th: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'], caption: ['table'], col: ['table'], colgroup: ['table'] },
	protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https'], cite: ['http', 'https'] },
	tagNames: [...[...FORMATTING_HTML_TAGS].filter((tag) => tag !== 'font' && tag !== 'center'), ...Object.keys(COMPONENTS)],
	attributes: {
		'*': [['className', ...ALLOWED_CLASSES, ...MARKDOWN_CLASSES]],
		a: ['title', ['className', ...ALLOWED_CLASSES, 'data-footnote-backref']],
		img: ['src', 'alt', 'title', 'width', 'height'],
		abbr: ['title'],
		details: ['open'],
		td: ['colSpan', 'rowSpan', ['className', ...ALLOWED_CLASSES]],
		th: ['colSpan', 'rowSpan', 'scope', ['className', ...ALLOWED_CLASSES]],
		col: ['span'],
		colgroup: ['span'],
		ol: ['start', ['className', 'contains-task-list']],
		ul: [['className', 'contains-task-list']],
		li: [['className', 'task-list-item']],
		code: [['className', /^language-[\w-]+$/]],
		input: [['type', 'checkbox'], ['disabled', true], 'checked'],
		...COMPONENT_ATTRIBUTES,
	},
	required: { input: { type: 'checkbox', disabled: true } },
}

export type FinishOptions = { body: string; imageUrls?: Record<string, string> }

function addClass(element: Element, name: string) {
	const current: unknown = element.properties.className
	const list = Array.isArray(current) ? current.map(String) : typeof current === 'string' ? current.split(/\s+/) : []
	element.properties.className = [...list.filter((value) => value !== name), name]
}

/** An option's label without the line breaks that stood around it in the source. */
function trimText(element: Element) {
	const children = element.children.filter((child, position, all) => !(child.type === 'text' && child.value.trim() === '' && (position === 0 || position === all.length - 1)))
	const first = children[0]
	const last = children[children.length - 1]
	if (first?.type === 'text') first.value = first.value.trimStart()
	if (last?.type === 'text') last.value = last.value.trimEnd()
	element.children = children
}

/** Prepares the gated tree for storage; components were renamed by the gate. */
export function finishLessonTree(tree: Root, { body, imageUrls = {} }: FinishOptions) {
	const index = lineIndex(body)
	const writtenInHtml = (element: Element) => {
		const start = element.position?.start
		return start !== undefined && body[index.offsetAt(start.line, start.column)] === '<'
	}
	const mapped = (url: unknown) => (typeof url === 'string' && Object.hasOwn(imageUrls, url) ? imageUrls[url] : url) as string

	function finish(node: Element, enclosing: string | null): ElementContent[] {
		const component = componentNameOf(node)
		if (component) {
			if (component === 'KnowledgeCheck') {
				const multiple = answerValues(String(node.properties.answer ?? '')).length > 1
				node.properties = { id: node.properties.id, question: node.properties.question, ...(multiple ? { multiple: true } : {}) }
			}
			if (component === 'Figure') node.properties.src = mapped(node.properties.src)
			if (component === 'Video' && node.properties.poster) node.properties.poster = mapped(node.properties.poster)
			finishChildren(node, component)
			if (component === 'Option') trimText(node)
			return [node]
		}
		const tag = node.tagName
		if (!FORMATTING_HTML_TAGS.has(tag)) return finishChildren(node, enclosing).children
		if (writtenInHtml(node)) {
			delete node.properties.id
			delete node.properties.name
			delete node.properties.className
		}
		const align = typeof node.properties.align === 'string' ? ALIGN_CLASSES[node.properties.align.toLowerCase()] : undefined
		delete node.properties.align
		if (align && tag !== 'img') addClass(node, align)
		if (tag === 'font') {
			const color = FONT_COLOR_CLASSES[String(node.properties.color ?? '').trim().toLowerCase()]
			node.tagName = 'span'
			node.properties = color ? { className: [color] } : {}
		}
		if (tag === 'center') {
			node.tagName = 'div'
			node.properties = { className: ['text-center'] }
		}
		if (tag === 'img') node.properties.src = mapped(node.properties.src)
		finishChildren(node, enclosing)
		// Options carry text only: the <p> Markdown wraps around it would sit inside a <label>.
		if (tag === 'p' && enclosing === 'Option') return node.children
		return [node]
	}

	function finishChildren<T extends Parents>(parent: T, enclosing: string | null): T {
		const children: RootContent[] = []
		for (const child of parent.children as RootContent[]) {
			if (child.type === 'comment' || child.type === 'doctype') continue
			if (child.type === 'element') children.push(...finish(child, enclosing))
			else children.push(child)
		}
		;(parent as { children: RootContent[] }).children = children
		return parent
	}

	finishChildren(tree, null)
}

/** The stored form of a compiled lesson: the tree without positions, and its contents. */
export type StoredLessonTree = { version: 1; tree: Root; toc: { depth: 2 | 3; id: string; text: string }[] }

export function serializeLessonTree(tree: Root, toc: StoredLessonTree['toc']) {
	return JSON.stringify({ version: 1, tree, toc } satisfies StoredLessonTree, (key, value: unknown) => (key === 'position' || key === 'data' ? undefined : value))
}

export function isElement(node: Nodes): node is Element {
	return node.type === 'element'
}
