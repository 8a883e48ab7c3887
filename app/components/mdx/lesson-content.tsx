// Renders a compiled lesson bundle with the allow-listed components. getMDXComponent
// evaluates the bundle, so the result is kept per bundle: a page view evaluates once.
import { getMDXComponent } from 'mdx-bundler/client'
import type { ComponentType } from 'react'
import { CaseStudy, Callout, Figure, ProblemCard, Regulation, SafeImage, SafeLink, Step, Steps, Video } from './blocks.tsx'
import { KnowledgeCheck, Option } from './knowledge-check.tsx'
import { type LessonRuntime, LessonRuntimeProvider } from './lesson-runtime.tsx'

/** Exactly the names of the allow-list (a test compares them), plus links and images. */
export const LESSON_COMPONENTS = { Callout, CaseStudy, ProblemCard, Regulation, Figure, Video, KnowledgeCheck, Option, Steps, Step }
const MARKDOWN_OVERRIDES = { a: SafeLink, img: SafeImage }

type MdxComponent = ComponentType<{ components: Record<string, ComponentType<never>> }>
const evaluated = new Map<string, MdxComponent>()
const MAX_EVALUATED = 100

function componentFor(code: string): MdxComponent {
	let component = evaluated.get(code)
	if (!component) {
		component = getMDXComponent(code) as MdxComponent
		if (evaluated.size >= MAX_EVALUATED) evaluated.delete(evaluated.keys().next().value!)
		evaluated.set(code, component)
	}
	return component
}

export function LessonContent({ code, runtime }: { code: string; runtime: LessonRuntime }) {
	const Content = componentFor(code)
	return (
		<LessonRuntimeProvider value={runtime}>
			<div className="prose max-w-none prose-headings:font-semibold prose-table:text-sm">
				<Content components={{ ...LESSON_COMPONENTS, ...MARKDOWN_OVERRIDES } as unknown as Record<string, ComponentType<never>>} />
			</div>
		</LessonRuntimeProvider>
	)
}
