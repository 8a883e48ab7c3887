// The four parts of a 共性问题, as the detail page and the printed booklet show them.
const SECTIONS = [
	['description', '问题描述'],
	['typicalEvidence', '典型表现与证据'],
	['regulationBasis', '定性依据'],
	['recommendedHandling', '处理建议'],
] as const

type ProblemText = Record<(typeof SECTIONS)[number][0], string>

export function ProblemSections({ problem, headingLevel = 2 }: { problem: ProblemText; headingLevel?: 2 | 3 }) {
	const Heading = headingLevel === 2 ? 'h2' : 'h3'
	return (
		<dl className="flex flex-col gap-3">
			{SECTIONS.map(([field, label]) => (
				<div key={field}>
					<dt>
						<Heading className="text-sm font-semibold text-brand-700">{label}</Heading>
					</dt>
					<dd className="mt-1 whitespace-pre-line text-gray-800">{problem[field]}</dd>
				</div>
			))}
		</dl>
	)
}
