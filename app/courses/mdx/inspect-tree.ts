// Walks a lesson's MDX syntax tree against the allow-list and stops at the first thing that
// could run code or smuggle markup: ESM, non-literal expressions, unknown elements or
// attributes, event handlers, unsafe URLs. What passes is also read for its knowledge
// checks (answers stay on the server), 共性问题 references and searchable text.
import type { Program } from 'estree'
import type { Nodes, Parents, Root } from 'mdast'
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx'
import { toString } from 'mdast-util-to-string'
import {
	type AttributeSpec,
	COMPONENTS,
	type ComponentSpec,
	FORBIDDEN_HTML_TAGS,
	KNOWLEDGE_CHECK_LIMITS,
	SAFE_HTML_TAGS,
} from './allow-list.ts'
import type { LessonIssue } from './issues.ts'
import { checkUrl } from './safe-url.ts'

export type KnowledgeCheckDefinition = {
	key: string
	prompt: string
	options: { value: string; label: string }[]
	answer: string[]
	explanation: string
}

export type ProblemRef = { code: string; line: number }
export type TreeFindings = { checks: KnowledgeCheckDefinition[]; problemRefs: ProblemRef[]; plainText: string }

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement

const MAX_DEPTH = 60
const TEXT_ONLY_NODES = new Set(['paragraph', 'text', 'emphasis', 'strong', 'delete', 'inlineCode', 'break'])
/** Attributes whose words a learner may search for; KnowledgeCheck is left out entirely. */
const SEARCHABLE_ATTRIBUTES = new Set(['title', 'name', 'article', 'caption', 'alt', 'source'])
/** Text of neighbouring blocks is kept apart; inline text runs on, as Chinese has no spaces. */
const BLOCK_NODES = new Set(['paragraph', 'heading', 'tableCell', 'code', 'listItem', 'mdxJsxFlowElement'])

class Refusal extends Error {
	constructor(readonly issue: LessonIssue) {
		super(issue.message)
	}
}

export function isJsxElement(node: Nodes): node is JsxElement {
	return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement'
}

function literalValue(program: Program | null | undefined): { ok: true; empty: boolean; value?: unknown } | { ok: false } {
	if (!program) return { ok: false }
	if (program.body.length === 0) return { ok: true, empty: true }
	const [statement] = program.body
	if (program.body.length !== 1 || statement?.type !== 'ExpressionStatement') return { ok: false }
	const expression = statement.expression
	if (expression.type !== 'Literal' || 'regex' in expression || 'bigint' in expression) return { ok: false }
	return { ok: true, empty: false, value: expression.value }
}

export function stringAttribute(attribute: MdxJsxAttribute): string | null {
	if (typeof attribute.value === 'string') return attribute.value
	if (attribute.value && typeof attribute.value === 'object') {
		const literal = literalValue(attribute.value.data?.estree)
		if (literal.ok && typeof literal.value === 'string') return literal.value
	}
	return null
}

export function attributesOf(element: JsxElement): Map<string, string> {
	const values = new Map<string, string>()
	for (const attribute of element.attributes) {
		if (attribute.type !== 'mdxJsxAttribute') continue
		const value = stringAttribute(attribute)
		if (value !== null) values.set(attribute.name, value)
	}
	return values
}

function describeUrlRefusal(scheme: string, use: 'link' | 'media') {
	if (scheme === 'javascript' || scheme === 'data' || scheme === 'vbscript') return `不允许使用 ${scheme}: 链接`
	return use === 'link' ? `链接只能是 http、https、mailto 或站内地址，不能用 ${scheme}:` : `图片和视频地址只能是 http、https 或站内地址，不能用 ${scheme}:`
}

/** Skips whitespace-only text and the paragraphs MDX wraps around inline elements. */
function elementChildren(element: JsxElement): { elements: JsxElement[]; stray: Nodes | null } {
	const elements: JsxElement[] = []
	let stray: Nodes | null = null
	const collect = (nodes: Nodes[]) => {
		for (const child of nodes) {
			if (isJsxElement(child)) elements.push(child)
			else if (child.type === 'paragraph') collect(child.children)
			else if (child.type === 'text' && child.value.trim() === '') continue
			else stray ??= child
		}
	}
	collect(element.children as Nodes[])
	return { elements, stray }
}

export function inspectLessonTree(tree: Root, lineOffset: number): { ok: true; findings: TreeFindings } | { ok: false; issue: LessonIssue } {
	const checks: KnowledgeCheckDefinition[] = []
	const problemRefs: ProblemRef[] = []
	const textParts: string[] = []

	const refuse = (node: { position?: { start: { line: number } } }, message: string): never => {
		throw new Refusal({ line: (node.position?.start.line ?? 1) + lineOffset, message })
	}

	function checkAttributeValue(element: JsxElement, name: string, spec: AttributeSpec, attribute: MdxJsxAttribute) {
		const tag = `<${element.name}>`
		const value = stringAttribute(attribute)
		if (attribute.value && typeof attribute.value === 'object' && value === null) {
			refuse(attribute, `${tag} 的属性 ${name} 只能写文字，不允许使用 JavaScript 表达式`)
		}
		if (value === null) return refuse(attribute, `${tag} 的属性 ${name} 需要一个值`)
		switch (spec.kind) {
			case 'text':
				if (spec.required && value.trim() === '') refuse(attribute, `${tag} 的属性 ${name} 不能为空`)
				if (value.length > (spec.max ?? 500)) refuse(attribute, `${tag} 的属性 ${name} 不能超过 ${spec.max ?? 500} 个字符`)
				return
			case 'enum':
				if (!spec.values.includes(value)) refuse(attribute, `${tag} 的 ${name} 只能是 ${spec.values.join('、')}`)
				return
			case 'url': {
				const verdict = checkUrl(value, spec.use)
				if (!verdict.ok) refuse(attribute, describeUrlRefusal(verdict.scheme, spec.use))
				if (value.trim() === '') refuse(attribute, `${tag} 的属性 ${name} 不能为空`)
				return
			}
			case 'date':
				if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) refuse(attribute, `${tag} 的 ${name} 须写成 YYYY-MM-DD`)
				return
			case 'pattern':
				if (!spec.pattern.test(value)) refuse(attribute, `${tag} 的 ${name} 格式不对：${spec.hint}`)
				return
		}
	}

	function checkAttributes(element: JsxElement, spec: ComponentSpec | null) {
		const seen = new Set<string>()
		const tag = `<${element.name}>`
		for (const attribute of element.attributes as (MdxJsxAttribute | MdxJsxExpressionAttribute)[]) {
			if (attribute.type === 'mdxJsxExpressionAttribute') refuse(element, `${tag} 不允许使用展开属性 {…}`)
			const { name } = attribute as MdxJsxAttribute
			if (/^on/i.test(name)) refuse(attribute, `不允许使用事件属性 ${name}`)
			if (seen.has(name)) refuse(attribute, `${tag} 的属性 ${name} 重复`)
			seen.add(name)
			const attributeSpec = spec && Object.hasOwn(spec.attributes, name) ? spec.attributes[name] : undefined
			if (!attributeSpec) {
				refuse(attribute, spec ? `${tag} 不支持属性 ${name}（可用：${Object.keys(spec.attributes).join('、') || '无'}）` : `${tag} 不能带属性 ${name}`)
			}
			checkAttributeValue(element, name, attributeSpec!, attribute as MdxJsxAttribute)
		}
		for (const [name, attributeSpec] of Object.entries(spec?.attributes ?? {})) {
			if (attributeSpec.required && !seen.has(name)) refuse(element, `${tag} 缺少属性 ${name}`)
		}
	}

	function readKnowledgeCheck(element: JsxElement) {
		const attributes = attributesOf(element)
		const key = attributes.get('id')!
		if (checks.some((check) => check.key === key)) refuse(element, `<KnowledgeCheck> 的 id ${key} 重复`)
		const { elements } = elementChildren(element)
		const options = elements.map((option) => ({ value: attributesOf(option).get('value')!, label: toString(option).trim() }))
		const { minOptions, maxOptions } = KNOWLEDGE_CHECK_LIMITS
		if (options.length < minOptions || options.length > maxOptions) refuse(element, `<KnowledgeCheck> 需要 ${minOptions}–${maxOptions} 个 <Option>`)
		const values = new Set<string>()
		for (const [index, option] of options.entries()) {
			if (values.has(option.value)) refuse(elements[index]!, `<Option> 的 value ${option.value} 重复`)
			if (!option.label) refuse(elements[index]!, '<Option> 需要写出选项内容')
			values.add(option.value)
		}
		const answer = answerValues(attributes.get('answer')!)
		if (answer.length === 0) refuse(element, '<KnowledgeCheck> 的 answer 不能为空')
		const unknown = answer.find((value) => !values.has(value))
		if (unknown !== undefined) refuse(element, `<KnowledgeCheck> 的答案 ${unknown} 不在选项中`)
		checks.push({ key, prompt: attributes.get('question')!.trim(), options, answer, explanation: attributes.get('explanation')?.trim() ?? '' })
	}

	function checkElement(element: JsxElement, enclosing: string | null, depth: number) {
		const name = element.name
		if (name === null) refuse(element, '不允许使用空标签 <>…</>')
		const tag = `<${name}>`
		if (FORBIDDEN_HTML_TAGS.has(name!.toLowerCase())) refuse(element, `不允许使用 ${`<${name!.toLowerCase()}>`} 标签`)
		if (SAFE_HTML_TAGS.has(name!)) {
			checkAttributes(element, null)
			return visitChildren(element, enclosing, depth)
		}
		const spec = Object.hasOwn(COMPONENTS, name!) ? COMPONENTS[name!]! : null
		if (!spec) {
			if (/^[a-z]/.test(name!)) refuse(element, `不允许使用 HTML 标签 ${tag}，请改用 Markdown 或允许的组件`)
			refuse(element, `不允许使用组件 ${tag}（可用：${Object.keys(COMPONENTS).join('、')}）`)
		}
		if (spec!.parent && enclosing !== spec!.parent) refuse(element, `${tag} 只能写在 <${spec!.parent}> 里面`)
		checkAttributes(element, spec)

		const children = spec!.children
		if (children === 'none') {
			if (toString(element).trim() !== '' || element.children.some((child) => isJsxElement(child as Nodes))) refuse(element, `${tag} 里不能写内容`)
		} else if (children === 'text') {
			const walkText = (nodes: Nodes[]) => {
				for (const node of nodes) {
					if (!TEXT_ONLY_NODES.has(node.type)) refuse(node, `${tag} 里只能写文字`)
					if ('children' in node) walkText(node.children as Nodes[])
				}
			}
			walkText(element.children as Nodes[])
		} else if (typeof children === 'object') {
			const { elements, stray } = elementChildren(element)
			if (stray) refuse(stray, `${tag} 里只能写 <${children.only}>`)
			for (const child of elements) {
				if (child.name !== children.only) refuse(child, `${tag} 里只能写 <${children.only}>`)
			}
		}
		if (spec!.requiresChildren && toString(element).trim() === '') refuse(element, spec!.requiresChildren)

		if (name === 'ProblemCard') {
			const code = attributesOf(element).get('id')!
			if (!problemRefs.some((ref) => ref.code === code)) problemRefs.push({ code, line: (element.position?.start.line ?? 1) + lineOffset })
		}
		visitChildren(element, name, depth)
		if (name === 'KnowledgeCheck') readKnowledgeCheck(element)
	}

	function visitChildren(parent: Parents, enclosing: string | null, depth: number) {
		for (const child of parent.children as Nodes[]) visit(child, enclosing, depth + 1)
	}

	function visit(node: Nodes, enclosing: string | null, depth: number): void {
		if (depth > MAX_DEPTH) refuse(node, '嵌套层级过深')
		switch (node.type) {
			case 'mdxjsEsm': {
				const statement = node.data?.estree?.body[0]?.type ?? ''
				const isImport = statement === 'ImportDeclaration' || (!statement && /^\s*import/.test(node.value))
				return refuse(node, isImport ? '不允许使用 import 语句' : '不允许使用 export 语句')
			}
			case 'mdxFlowExpression':
			case 'mdxTextExpression': {
				const literal = literalValue(node.data?.estree)
				if (!literal.ok) refuse(node, '不允许使用 JavaScript 表达式 {…}，只允许文字常量')
				return
			}
			case 'mdxJsxFlowElement':
			case 'mdxJsxTextElement':
				return checkElement(node, enclosing, depth)
			case 'html':
				return refuse(node, '不允许使用 HTML')
			case 'link':
			case 'image':
			case 'definition': {
				const verdict = checkUrl(node.url, node.type === 'image' ? 'media' : 'link')
				if (!verdict.ok) refuse(node, describeUrlRefusal(verdict.scheme, node.type === 'image' ? 'media' : 'link'))
				break
			}
		}
		if ('children' in node) visitChildren(node, enclosing, depth)
	}

	function collectText(node: Nodes) {
		if (isJsxElement(node)) {
			if (node.name === 'KnowledgeCheck') return
			for (const [name, value] of attributesOf(node)) if (SEARCHABLE_ATTRIBUTES.has(name)) textParts.push(value, '\n')
		}
		if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') textParts.push(node.value)
		if ('children' in node) for (const child of node.children as Nodes[]) collectText(child)
		if (BLOCK_NODES.has(node.type)) textParts.push('\n')
	}

	try {
		visit(tree, null, 0)
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, issue: error.issue }
		throw error
	}
	collectText(tree)
	const plainText = textParts
		.join('')
		.replace(/[ \t]*\n[ \t\n]*/g, '\n')
		.replace(/[ \t]+/g, ' ')
		.trim()
	return { ok: true, findings: { checks, problemRefs, plainText } }
}

export function answerValues(raw: string) {
	return [...new Set(raw.split(/[,，]/).map((value) => value.trim()).filter(Boolean))]
}

/**
 * The compiled bundle goes to browsers: each check keeps its question and options, and a
 * `multiple` flag so the page offers checkboxes; the answer and explanation are removed.
 */
export function stripKnowledgeCheckAnswers(tree: Root) {
	const strip = (node: Nodes) => {
		if (isJsxElement(node) && node.name === 'KnowledgeCheck') {
			const multiple = answerValues(attributesOf(node).get('answer') ?? '').length > 1
			node.attributes = node.attributes.filter((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name !== 'answer' && attribute.name !== 'explanation')
			if (multiple) node.attributes.push({ type: 'mdxJsxAttribute', name: 'multiple', value: null })
		}
		if ('children' in node) for (const child of node.children as Nodes[]) strip(child)
	}
	strip(tree)
}
