// A lesson's table of contents: its h2 headings, each with its h3 headings beneath, linking to
// the ids rehypeHeadingIds gave them (app/courses/markdown/headings.ts). A <details> that
// starts closed, so on a phone it is one line above the lesson; on a wide screen it opens once
// the page has hydrated. The same for every reader: safe in the shared lesson render (ADR 036).
import { useEffect, useRef } from 'react'
import type { TableOfContentsEntry } from '#app/courses/markdown/headings.ts'

type Section = { entry: TableOfContentsEntry; subsections: TableOfContentsEntry[] }

/** h3 entries go under the h2 before them; an h3 before any h2 stands on its own. */
export function sectionsOf(entries: readonly TableOfContentsEntry[]): Section[] {
	const sections: Section[] = []
	for (const entry of entries) {
		const last = sections.at(-1)
		if (entry.depth === 3 && last?.entry.depth === 2) last.subsections.push(entry)
		else sections.push({ entry, subsections: [] })
	}
	return sections
}

const WIDE_SCREEN = '(min-width: 768px)'

function EntryLink({ entry }: { entry: TableOfContentsEntry }) {
	return (
		<a href={`#${entry.id}`} className="inline-block py-1 text-brand-700 underline-offset-2 [overflow-wrap:anywhere] hover:underline">
			{entry.text}
		</a>
	)
}

export function TableOfContents({ entries }: { entries: readonly TableOfContentsEntry[] }) {
	const details = useRef<HTMLDetailsElement>(null)
	useEffect(() => {
		if (details.current && window.matchMedia(WIDE_SCREEN).matches) details.current.open = true
	}, [])
	if (entries.length < 2) return null
	return (
		<nav aria-label="本课目录" className="not-prose my-4 max-w-full rounded border border-gray-200 bg-gray-50 text-sm">
			<details ref={details}>
				<summary className="flex min-h-11 cursor-pointer items-center px-3 font-semibold text-gray-900">本课目录</summary>
				<ol className="space-y-1 px-3 pb-3">
					{sectionsOf(entries).map(({ entry, subsections }) => (
						<li key={entry.id}>
							<EntryLink entry={entry} />
							{subsections.length > 0 ? (
								<ol className="ml-4 space-y-1 border-l border-gray-200 pl-3">
									{subsections.map((subsection) => (
										<li key={subsection.id}>
											<EntryLink entry={subsection} />
										</li>
									))}
								</ol>
							) : null}
						</li>
					))}
				</ol>
			</details>
		</nav>
	)
}
