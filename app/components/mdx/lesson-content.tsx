// Renders a compiled lesson: the stored HTML tree (JSON, see app/courses/mdx/lesson-tree.ts)
// turned into React elements by hast-util-to-jsx-runtime, with the allow-listed components
// and checked links and images. Nothing is evaluated, so the page needs no 'unsafe-eval'
// (ADR 015). The server and the browser render the same tree, so hydration matches.
import type { Element, Root, RootContent } from 'hast'
import { toJsxRuntime } from 'hast-util-to-jsx-runtime'
import type { ComponentType, ReactNode } from 'react'
import { Fragment, jsx, jsxs } from 'react/jsx-runtime'
import { normalizedTitle } from '#app/courses/markdown/title-heading.ts'
import { CaseStudy, Callout, Figure, ProblemCard, Regulation, SafeImage, SafeLink, Step, Steps, Video } from './blocks.tsx'
import { KnowledgeCheck, Option } from './knowledge-check.tsx'
import { type LessonRuntime, LessonRuntimeProvider } from './lesson-runtime.tsx'

/** Exactly the names of the allow-list (a test compares them), plus links and images. */
export const LESSON_COMPONENTS = { Callout, CaseStudy, ProblemCard, Regulation, Figure, Video, KnowledgeCheck, Option, Steps, Step }
const MARKDOWN_OVERRIDES = { a: SafeLink, img: SafeImage }

export type LessonTocEntry = { depth: 2 | 3; id: string; text: string }
type StoredTree = { version: number; tree: Root; toc?: LessonTocEntry[] }

const parsed = new Map<string, StoredTree>()
const MAX_PARSED = 100

/** The stored tree of a compiled lesson, parsed once per code string. */
export function readLessonCode(code: string): StoredTree {
	let stored = parsed.get(code)
	if (!stored) {
		stored = JSON.parse(code) as StoredTree
		if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value!)
		parsed.set(code, stored)
	}
	return stored
}

export function renderLessonTree(tree: Root): ReactNode {
	return toJsxRuntime(tree, {
		Fragment,
		jsx,
		jsxs,
		passKeys: true,
		// GFM's column alignment is a class from the gate, never an inline style.
		tableCellAlignToStyle: false,
		components: { ...LESSON_COMPONENTS, ...MARKDOWN_OVERRIDES } as unknown as Record<string, ComponentType<never>>,
	})
}

function textOf(node: RootContent): string {
	if (node.type === 'text') return node.value
	return 'children' in node ? node.children.map(textOf).join('') : ''
}

/**
 * The tree without a leading H1 equal to the page's title (ADR 015-extensions' rule), so a
 * handout that starts with its own title does not show it twice. Done here, not in the
 * compile, so the stored tree stays keyed by the body alone.
 */
export function withoutTitleHeading(tree: Root, title: string | undefined): Root {
	const wanted = normalizedTitle(title ?? '')
	if (!wanted) return tree
	const index = tree.children.findIndex((node) => !(node.type === 'text' && node.value.trim() === ''))
	const first = tree.children[index]
	if (first?.type !== 'element' || (first as Element).tagName !== 'h1' || normalizedTitle(textOf(first)) !== wanted) return tree
	return { ...tree, children: tree.children.filter((_, position) => position !== index) }
}

/** The lesson's h2/h3 headings, for TableOfContents. */
export function lessonTableOfContents(code: string): LessonTocEntry[] {
	return readLessonCode(code).toc ?? []
}

export function LessonContent({ code, runtime, title }: { code: string; runtime: LessonRuntime; title?: string }) {
	const { tree } = readLessonCode(code)
	return (
		<LessonRuntimeProvider value={runtime}>
			<div className="prose max-w-none prose-headings:font-semibold prose-table:text-sm">{renderLessonTree(withoutTitleHeading(tree, title))}</div>
		</LessonRuntimeProvider>
	)
}
