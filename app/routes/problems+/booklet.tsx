import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { listProblems } from '#app/courses/problems.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import bookletHref from './__booklet.css?url'
import { problemQuery } from './__filter.ts'
import { ProblemSections } from './__problem-sections.tsx'

const CHAPTER_NUMBERS = '一二三四五六七八九十'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: bookletHref }]

export const meta: MetaFunction = () => [{ title: '共性问题清单（小册子） · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/problems')
	const { topic, category } = problemQuery(request)
	const problems = await listProblems(prisma, { topic, category })
	const printedOn = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', timeZone: 'Asia/Shanghai' }).format(new Date())
	return { problems, printedOn, scope: [topic ? TOPIC_LABELS[topic] : null, category].filter(Boolean).join(' · ') }
}

export default function BookletPage() {
	const { problems, printedOn, scope } = useLoaderData<typeof loader>()
	// One chapter per topic (财政, 经责, 固投, 综合…): a chapter per category would print
	// a page for almost every entry.
	const chapters: { name: string; entries: typeof problems }[] = []
	for (const problem of problems) {
		const name = TOPIC_LABELS[problem.topic as Topic] ?? problem.topic
		const chapter = chapters.find((c) => c.name === name)
		if (chapter) chapter.entries.push(problem)
		else chapters.push({ name, entries: [problem] })
	}
	return (
		<main className="booklet mx-auto max-w-3xl bg-white px-8 py-8">
			<div className="no-print mb-6 flex gap-2">
				<button type="button" onClick={() => window.print()} className={buttonClass()}>
					打印 / 另存为 PDF
				</button>
				<Link to="/problems" className={buttonClass('secondary')}>
					返回清单
				</Link>
			</div>
			<section className="booklet-cover flex flex-col items-center justify-center text-center">
				<p className="text-sm tracking-widest text-brand-700">红审课程库</p>
				<h1 className="mt-4 text-4xl font-bold">共性问题清单</h1>
				{scope ? <p className="mt-2 text-lg">{scope}</p> : null}
				<p className="mt-8 text-gray-600">
					共 {problems.length} 个问题 · {new Set(problems.map((p) => p.category)).size} 个类别
				</p>
				<p className="mt-24 text-gray-600">区审计局 编印 · {printedOn}</p>
			</section>
			<nav className="booklet-contents my-10" aria-label="目录">
				<h2 className="mb-4 text-2xl font-semibold">目录</h2>
				<ol className="flex flex-col gap-3">
					{chapters.map((group, index) => (
						<li key={group.name}>
							<p className="font-semibold">
								{CHAPTER_NUMBERS[index] ?? index + 1}、{group.name}
							</p>
							<ul className="ml-4">
								{group.entries.map((problem) => (
									<li key={problem.code}>
										<a href={`#${problem.code}`}>
											<span className="mr-3">{problem.code}</span>
											{problem.title}（{problem.category}）
										</a>
									</li>
								))}
							</ul>
						</li>
					))}
				</ol>
			</nav>
			{chapters.map((group, index) => (
				<section key={group.name} className="booklet-category" aria-label={group.name}>
					<h2 className="mb-4 mt-10 border-b-2 border-brand-700 pb-1 text-2xl font-semibold">
						{CHAPTER_NUMBERS[index] ?? index + 1}、{group.name}
					</h2>
					{group.entries.map((problem) => (
						<article key={problem.code} id={problem.code} className="booklet-entry mb-6 rounded border border-gray-300 px-5 py-4">
							<p className="text-xs text-gray-500">
								{problem.code} · {problem.category}
							</p>
							<h3 className="mb-2 text-lg font-semibold">{problem.title}</h3>
							<ProblemSections problem={problem} headingLevel={3} />
						</article>
					))}
				</section>
			))}
		</main>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
