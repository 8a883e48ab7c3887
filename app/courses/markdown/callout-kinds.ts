// Which callout names lecturers' documents use, and which of the project's three Callout types
// (allow-list.ts: 提示 / 注意 / 警告) each becomes. One table for remark-directive containers
// (`:::tip`), GitHub alerts (`> [!NOTE]`) and Python-Markdown admonitions (`!!! note`).
// The three groups follow the VuePress / VitePress Chinese themes, which title `tip` 提示,
// `warning` 注意 and `danger` 警告; GitHub's NOTE / IMPORTANT are information (提示) and its
// CAUTION sits with WARNING (注意); mkdocs' failure-like kinds are 警告.
import type { Blockquote, BlockContent, DefinitionContent, Parent } from 'mdast'
import type {} from 'mdast-util-to-hast'
import type { CalloutType } from '#app/courses/mdx/allow-list.ts'
import { componentElementName } from '#app/courses/mdx/component-html.ts'

export const CALLOUT_KINDS: Record<CalloutType, readonly string[]> = {
	提示: [
		'tip', 'note', 'info', 'important', 'hint', 'abstract', 'summary', 'tldr', 'success', 'check', 'done',
		'question', 'help', 'faq', 'example', 'quote', 'cite', 'seealso', 'todo', '提示', '说明', '信息', '重要',
	],
	注意: ['warning', 'caution', 'attention', 'warn', '注意', '小心'],
	警告: ['danger', 'error', 'failure', 'fail', 'missing', 'bug', '警告', '危险'],
}

const TYPE_OF_KIND = new Map<string, CalloutType>(
	Object.entries(CALLOUT_KINDS).flatMap(([type, kinds]) => kinds.map((kind) => [kind, type as CalloutType] as const)),
)

/** The Callout type for a name as written (any case), or null for a name we do not know. */
export function calloutTypeOf(kind: string): CalloutType | null {
	return TYPE_OF_KIND.get(kind.toLowerCase()) ?? null
}

/** The names to suggest in a message. */
export const CALLOUT_KIND_HINT = 'tip、note、info、important、warning、caution、danger'

/**
 * The mdast node every form becomes. remark-rehype makes it the element a lecturer's
 * `<Callout type="…" title="…">` becomes (`x-callout`), so the gate checks and renames both alike.
 */
export interface LessonCallout extends Parent {
	type: 'lessonCallout'
	calloutType: CalloutType
	title?: string
	children: Array<BlockContent | DefinitionContent>
}

declare module 'mdast' {
	interface BlockContentMap {
		lessonCallout: LessonCallout
	}
	interface RootContentMap {
		lessonCallout: LessonCallout
	}
}

export const CALLOUT_ELEMENT = componentElementName('Callout')
/** The allow-list's limit for a Callout title. */
const MAX_TITLE = 100

function shortened(title: string) {
	const characters = [...title]
	return characters.length > MAX_TITLE ? `${characters.slice(0, MAX_TITLE - 1).join('')}…` : title
}

export function lessonCallout(
	calloutType: CalloutType,
	title: string | undefined,
	children: LessonCallout['children'],
	position: Blockquote['position'],
): LessonCallout {
	const cleanTitle = shortened(title?.replace(/\s+/g, ' ').trim() ?? '') || undefined
	return {
		type: 'lessonCallout',
		calloutType,
		...(cleanTitle ? { title: cleanTitle } : {}),
		children,
		position,
		data: { hName: CALLOUT_ELEMENT, hProperties: cleanTitle ? { type: calloutType, title: cleanTitle } : { type: calloutType } },
	}
}
