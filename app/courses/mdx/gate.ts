// The gate on the lesson's HTML tree (hast, after rehype-raw): formatting HTML passes, what
// could run code or load another document is refused with its line and column, components
// are checked against allow-list.ts (attributes, values, parents, children). Component
// elements are renamed back to their component (`x-callout` → `Callout`) with their
// attributes in the allow-list's spelling (parse5 lowercased `effectiveDate`). What passes
// is read for knowledge checks (answers stay on the server), 共性问题 references, image
// references and searchable text. rehype-sanitize runs after this as a second line.
import type { Element, ElementContent, Nodes, Parents, Root } from 'hast'
import {
	type AttributeSpec,
	COMPONENTS,
	type ComponentSpec,
	FORBIDDEN_HTML_TAGS,
	KNOWLEDGE_CHECK_LIMITS,
} from './allow-list.ts'
import { COMPONENT_ELEMENT_PREFIX } from './component-html.ts'
import { lineIndex, type ScannedTag, scanTagAt } from './html-tags.ts'
import { type LessonIssue, LessonRefusedError } from './issues.ts'
import { checkUrl } from './safe-url.ts'

export type KnowledgeCheckDefinition = {
	key: string
	prompt: string
	options: { value: string; label: string }[]
	answer: string[]
	explanation: string
}
export type ProblemRef = { code: string; line: number }
export type ImageRef = { url: string; line: number; column: number }
export type TreeFindings = { checks: KnowledgeCheckDefinition[]; problemRefs: ProblemRef[]; imageRefs: ImageRef[]; plainText: string }

const MAX_DEPTH = 60
/** Attributes whose words a learner may search for; KnowledgeCheck is left out entirely. */
const SEARCHABLE_ATTRIBUTES = new Set(['title', 'name', 'article', 'caption', 'alt', 'source'])
const BLOCK_ELEMENTS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'pre', 'div', 'blockquote', 'br', 'tr', 'dt', 'dd', 'summary', 'caption', ...Object.keys(COMPONENTS)])
/** Attributes holding a URL, on any element; their scheme is judged wherever they appear. */
const URL_PROPERTIES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'data', 'cite', 'background', 'xlinkhref', 'srcset', 'codebase', 'manifest', 'ping', 'lowsrc', 'dynsrc'])
const PHRASING = new Set(['strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'kbd', 'mark', 'small', 'code', 'span', 'br', 'abbr', 'p'])

export const COMPONENT_BY_ELEMENT = new Map(Object.keys(COMPONENTS).flatMap((name) => [[`${COMPONENT_ELEMENT_PREFIX}${name.toLowerCase()}`, name] as const, [name, name] as const]))

export function componentNameOf(element: Element) {
	return COMPONENT_BY_ELEMENT.get(element.tagName) ?? null
}

export function answerValues(raw: string) {
	return [...new Set(raw.split(/[,，]/).map((value) => value.trim()).filter(Boolean))]
}

export function textOf(node: Nodes): string {
	if (node.type === 'text') return node.value
	if ('children' in node) return (node.children as Nodes[]).map(textOf).join('')
	return ''
}

function propertyValue(value: unknown): string | null {
	if (value === null || value === undefined || value === false) return null
	if (value === true) return ''
	if (Array.isArray(value)) return value.join(' ')
	return String(value)
}

function describeUrlRefusal(scheme: string, use: 'link' | 'media') {
	if (scheme === 'javascript' || scheme === 'data' || scheme === 'vbscript') return `不允许使用 ${scheme}: 链接`
	return use === 'link' ? `链接只能是 http、https、mailto 或站内地址，不能用 ${scheme}:` : `图片和视频地址只能是 http、https 或站内地址，不能用 ${scheme}:`
}

/** Element children, looking through the <p> wrappers Markdown puts around inline content. */
function elementChildren(element: Element): { elements: Element[]; stray: Nodes | null } {
	const elements: Element[] = []
	let stray: Nodes | null = null
	const collect = (nodes: ElementContent[]) => {
		for (const child of nodes) {
			if (child.type === 'element' && child.tagName === 'p' && !componentNameOf(child)) collect(child.children)
			else if (child.type === 'element') elements.push(child)
			else if (child.type === 'text' && child.value.trim() === '') continue
			else if (child.type === 'comment') continue
			else stray ??= child
		}
	}
	collect(element.children)
	return { elements, stray }
}

/**
 * Checks the tree (positions count within `body`; `lineOffset` turns them into file lines)
 * and renames components in place. Throws LessonRefusedError at the first refusal.
 */
export function gateLessonTree(tree: Root, { body, lineOffset }: { body: string; lineOffset: number }): TreeFindings {
	const index = lineIndex(body)
	const checks: KnowledgeCheckDefinition[] = []
	const problemRefs: ProblemRef[] = []
	const imageRefs: ImageRef[] = []

	const at = (point: { line: number; column: number } | undefined) => ({ line: (point?.line ?? 1) + lineOffset, column: point?.column ?? 1 })
	const refuseAt = (point: { line: number; column: number } | undefined, message: string): never => {
		throw new LessonRefusedError({ ...at(point), message } satisfies LessonIssue)
	}

	/** The start tag as written in the source, when the element came from raw HTML. */
	function writtenTag(element: Element): ScannedTag | null {
		const start = element.position?.start
		if (!start) return null
		const offset = index.offsetAt(start.line, start.column)
		if (body[offset] !== '<') return null
		const tag = scanTagAt(body, offset)
		return tag && !tag.closing ? tag : null
	}

	/** Each attribute: its name as written (when known), its value and where it stands. */
	function attributesOf(element: Element) {
		const tag = writtenTag(element)
		const written = new Map((tag?.attributes ?? []).map((attribute) => [attribute.name.toLowerCase().replace(/[-:]/g, ''), attribute]))
		return Object.entries(element.properties).map(([property, raw]) => {
			const key = property.toLowerCase().replace(/[-:]/g, '')
			const scanned = written.get(key) ?? (key === 'classname' ? written.get('class') : key === 'htmlfor' ? written.get('for') : undefined)
			const point = scanned ? index.pointAt(scanned.offset) : element.position?.start
			return { property, key, name: scanned?.name ?? property, value: propertyValue(raw), writtenValue: scanned?.value ?? null, point }
		})
	}

	function checkUrlValue(value: string, use: 'link' | 'media', point: { line: number; column: number } | undefined) {
		const verdict = checkUrl(value, use)
		if (!verdict.ok) refuseAt(point, describeUrlRefusal(verdict.scheme, use))
	}

	/** Refusals that hold for every element, known or not. */
	function checkDangerousAttributes(element: Element, label: string) {
		for (const attribute of attributesOf(element)) {
			if (/^on/i.test(attribute.name)) refuseAt(attribute.point, `不允许使用事件属性 ${attribute.name}`)
			if (attribute.key === 'style') refuseAt(attribute.point, `不允许使用 style 属性（${label}）：颜色请用 <font color="red">，居中请用 <center> 或 align="center"`)
			if (/[{}]/.test(attribute.name)) refuseAt(attribute.point, `${label} 不允许使用展开属性 {…}`)
			if (attribute.writtenValue !== null && /^\s*\{[\s\S]*\}\s*$/.test(attribute.writtenValue)) {
				refuseAt(attribute.point, `${label} 的属性 ${attribute.name} 只能写文字，不允许使用 JavaScript 表达式`)
			}
			if (URL_PROPERTIES.has(attribute.key) && attribute.value !== null) {
				checkUrlValue(attribute.value, attribute.key === 'href' || attribute.key === 'cite' ? 'link' : 'media', attribute.point)
			}
		}
	}

	function checkAttributeValue(label: string, name: string, spec: AttributeSpec, value: string, point: { line: number; column: number } | undefined) {
		switch (spec.kind) {
			case 'text':
				if (spec.required && value.trim() === '') refuseAt(point, `${label} 的属性 ${name} 不能为空`)
				if (value.length > (spec.max ?? 500)) refuseAt(point, `${label} 的属性 ${name} 不能超过 ${spec.max ?? 500} 个字符`)
				return
			case 'enum':
				if (!spec.values.includes(value)) refuseAt(point, `${label} 的 ${name} 只能是 ${spec.values.join('、')}`)
				return
			case 'url':
				checkUrlValue(value, spec.use, point)
				if (value.trim() === '') refuseAt(point, `${label} 的属性 ${name} 不能为空`)
				return
			case 'date':
				if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) refuseAt(point, `${label} 的 ${name} 须写成 YYYY-MM-DD`)
				return
			case 'pattern':
				if (!spec.pattern.test(value)) refuseAt(point, `${label} 的 ${name} 格式不对：${spec.hint}`)
				return
		}
	}

	/** Checks a component's attributes and rewrites them in the allow-list's spelling. */
	function checkComponentAttributes(element: Element, name: string, spec: ComponentSpec) {
		const label = `<${name}>`
		const byLower = new Map(Object.keys(spec.attributes).map((key) => [key.toLowerCase(), key]))
		const properties: Record<string, string> = {}
		for (const attribute of attributesOf(element)) {
			const specName = byLower.get(attribute.key)
			if (!specName) refuseAt(attribute.point, `${label} 不支持属性 ${attribute.name}（可用：${Object.keys(spec.attributes).join('、') || '无'}）`)
			const value = attribute.value
			if (value === null || (attribute.writtenValue === null && value === '' && spec.attributes[specName!]!.kind !== 'text')) refuseAt(attribute.point, `${label} 的属性 ${specName} 需要一个值`)
			checkAttributeValue(label, specName!, spec.attributes[specName!]!, value!, attribute.point)
			properties[specName!] = value!
		}
		for (const [attributeName, attributeSpec] of Object.entries(spec.attributes)) {
			if (attributeSpec.required && !(attributeName in properties)) refuseAt(element.position?.start, `${label} 缺少属性 ${attributeName}`)
		}
		element.tagName = name
		element.properties = properties
	}

	function readKnowledgeCheck(element: Element) {
		const attributes = element.properties as Record<string, string>
		const key = attributes.id!
		if (checks.some((check) => check.key === key)) refuseAt(element.position?.start, `<KnowledgeCheck> 的 id ${key} 重复`)
		const { elements } = elementChildren(element)
		const options = elements.map((option) => ({ value: String(option.properties.value), label: textOf(option).trim() }))
		const { minOptions, maxOptions } = KNOWLEDGE_CHECK_LIMITS
		if (options.length < minOptions || options.length > maxOptions) refuseAt(element.position?.start, `<KnowledgeCheck> 需要 ${minOptions}–${maxOptions} 个 <Option>`)
		const values = new Set<string>()
		for (const [position, option] of options.entries()) {
			if (values.has(option.value)) refuseAt(elements[position]!.position?.start, `<Option> 的 value ${option.value} 重复`)
			if (!option.label) refuseAt(elements[position]!.position?.start, '<Option> 需要写出选项内容')
			values.add(option.value)
		}
		const answer = answerValues(attributes.answer!)
		if (answer.length === 0) refuseAt(element.position?.start, '<KnowledgeCheck> 的 answer 不能为空')
		const unknown = answer.find((value) => !values.has(value))
		if (unknown !== undefined) refuseAt(element.position?.start, `<KnowledgeCheck> 的答案 ${unknown} 不在选项中`)
		checks.push({ key, prompt: attributes.question!.trim(), options, answer, explanation: attributes.explanation?.trim() ?? '' })
	}

	function checkComponent(element: Element, name: string, enclosing: string | null, depth: number) {
		const spec = COMPONENTS[name]!
		const label = `<${name}>`
		if (spec.parent && enclosing !== spec.parent) refuseAt(element.position?.start, `${label} 只能写在 <${spec.parent}> 里面`)
		checkDangerousAttributes(element, label)
		checkComponentAttributes(element, name, spec)
		const children = spec.children
		if (children === 'none') {
			if (textOf(element).trim() !== '' || element.children.some((child) => child.type === 'element')) refuseAt(element.position?.start, `${label} 里不能写内容`)
		} else if (children === 'text') {
			const walkText = (nodes: ElementContent[]) => {
				for (const node of nodes) {
					if (node.type === 'element' && !PHRASING.has(node.tagName)) refuseAt(node.position?.start ?? element.position?.start, `${label} 里只能写文字`)
					if (node.type === 'element') walkText(node.children)
				}
			}
			walkText(element.children)
		} else if (typeof children === 'object') {
			const { elements, stray } = elementChildren(element)
			if (stray) refuseAt(stray.position?.start ?? element.position?.start, `${label} 里只能写 <${children.only}>`)
			for (const child of elements) {
				if (componentNameOf(child) !== children.only) refuseAt(child.position?.start, `${label} 里只能写 <${children.only}>`)
			}
		}
		if (spec.requiresChildren && textOf(element).trim() === '') refuseAt(element.position?.start, spec.requiresChildren)
		if (name === 'ProblemCard') {
			const code = String(element.properties.id)
			if (!problemRefs.some((ref) => ref.code === code)) problemRefs.push({ code, line: at(element.position?.start).line })
		}
		if (name === 'Figure') imageRefs.push({ url: String(element.properties.src), ...at(element.position?.start) })
		if (name === 'Video' && element.properties.poster) imageRefs.push({ url: String(element.properties.poster), ...at(element.position?.start) })
		visitChildren(element, name, depth)
		if (name === 'KnowledgeCheck') readKnowledgeCheck(element)
	}

	function checkHtmlElement(element: Element, enclosing: string | null, depth: number) {
		const tag = element.tagName.toLowerCase()
		if (FORBIDDEN_HTML_TAGS.has(tag)) {
			// GFM task lists are the one place Markdown itself writes an <input>.
			const taskBox = tag === 'input' && !writtenTag(element) && element.properties.type === 'checkbox' && element.properties.disabled === true
			if (!taskBox) refuseAt(element.position?.start, `不允许使用 <${tag}> 标签`)
		}
		checkDangerousAttributes(element, `<${tag}>`)
		if (tag === 'img' && typeof element.properties.src === 'string') imageRefs.push({ url: element.properties.src, ...at(element.position?.start) })
		visitChildren(element, enclosing, depth)
	}

	function visitChildren(parent: Parents, enclosing: string | null, depth: number) {
		for (const child of parent.children) visit(child, enclosing, depth + 1)
	}

	function visit(node: Nodes, enclosing: string | null, depth: number): void {
		if (depth > MAX_DEPTH) refuseAt(node.position?.start, '嵌套层级过深')
		if (node.type === 'element') {
			const component = componentNameOf(node)
			return component ? checkComponent(node, component, enclosing, depth) : checkHtmlElement(node, enclosing, depth)
		}
		if ('children' in node) visitChildren(node, enclosing, depth)
	}

	visit(tree, null, 0)
	return { checks, problemRefs, imageRefs, plainText: plainTextOf(tree) }
}

/** Searchable text: blocks kept apart, inline text run on (Chinese has no spaces). */
function plainTextOf(tree: Root) {
	const parts: string[] = []
	const collect = (node: Nodes) => {
		if (node.type === 'element') {
			if (node.tagName === 'KnowledgeCheck') return
			if (COMPONENTS[node.tagName]) {
				for (const [name, value] of Object.entries(node.properties)) if (SEARCHABLE_ATTRIBUTES.has(name)) parts.push(String(value), '\n')
			}
		}
		if (node.type === 'text') parts.push(node.value)
		if ('children' in node) for (const child of node.children) collect(child)
		if (node.type === 'element' && BLOCK_ELEMENTS.has(node.tagName)) parts.push('\n')
	}
	collect(tree)
	return parts
		.join('')
		.replace(/[ \t]*\n[ \t\n]*/g, '\n')
		.replace(/[ \t]+/g, ' ')
		.trim()
}
