import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { getProblem, lessonsCitingProblem } from '#app/courses/problems.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { LearnNav } from '#app/components/learn-section.tsx'
import { ProblemSections } from './__problem-sections.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.problem.code ?? ''} ${data?.problem.title ?? '共性问题'} · 共性问题清单` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/problems')
	const problem = await getProblem(prisma, params.code!)
	if (!problem) throw data({ message: '清单中没有这个共性问题' }, { status: 404 })
	return { problem, lessons: await lessonsCitingProblem(prisma, problem.code) }
}

export default function ProblemPage() {
	const { problem, lessons } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader title={problem.title} description={`${problem.code} · ${TOPIC_LABELS[problem.topic as Topic] ?? problem.topic} · ${problem.category}`} />
			<LearnNav />
			<article className="rounded-lg border border-gray-200 bg-white px-6 py-5">
				<ProblemSections problem={problem} />
			</article>
			{lessons.length ? (
				<section aria-labelledby="lessons" className="mt-6">
					<h2 id="lessons" className="mb-2 text-lg font-semibold">
						讲到这个问题的课时
					</h2>
					<ul className="list-inside list-disc text-sm">
						{lessons.map((lesson) => (
							<li key={lesson.href}>
								<Link to={lesson.href} className="text-brand-700 hover:underline">
									{lesson.title}
								</Link>
								<span className="text-gray-500">（{lesson.courseTitle}）</span>
							</li>
						))}
					</ul>
				</section>
			) : null}
			<p className="mt-6 text-sm">
				<Link to="/problems" className="text-brand-700 hover:underline">
					← 返回共性问题清单
				</Link>
			</p>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
