// Renders a compiled lesson: the stored HTML tree (JSON, see app/courses/mdx/lesson-tree.ts)
// turned into React elements by hast-util-to-jsx-runtime, with the allow-listed components
// and checked links and images. Nothing is evaluated, so the page needs no 'unsafe-eval'
// (ADR 015). The server and the browser render the same tree, so hydration matches.
import type { Root } from 'hast'
import { toJsxRuntime } from 'hast-util-to-jsx-runtime'
import type { ComponentType, ReactNode } from 'react'
import { Fragment, jsx, jsxs } from 'react/jsx-runtime'
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

export function LessonContent({ code, runtime }: { code: string; runtime: LessonRuntime }) {
	const { tree } = readLessonCode(code)
	return (
		<LessonRuntimeProvider value={runtime}>
			<div className="prose max-w-none prose-headings:font-semibold prose-table:text-sm">{renderLessonTree(tree)}</div>
		</LessonRuntimeProvider>
	)
}
