// Admin: a paper drawn exactly as a learner's would be (same rules, shuffles and seed logic),
// with keys. "换一份" draws from a new seed; the seed in the URL reproduces a paper.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { describeKey } from '#app/exams/attempts/results.ts'
import { newAttemptSeed } from '#app/exams/attempts/start-attempt.server.ts'
import { previewPaper } from '#app/exams/attempts/preview-paper.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { AdminNav } from './__admin-nav.tsx'

export const meta: MetaFunction = () => [{ title: '试卷预览 · 管理 · 红审学堂' }]

const SeedSchema = z.string().regex(/^[0-9a-f]{8,64}$/).optional()

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const seed = SeedSchema.safeParse(new URL(request.url).searchParams.get('seed') ?? undefined)
	if (!seed.success) throw data({ message: '试卷编号无效' }, { status: 400 })
	const round = await prisma.round.findUnique({ where: { id: params.roundId! }, select: { id: true, title: true } })
	if (!round) throw data({ message: '找不到这轮考试' }, { status: 404 })
	// The seed goes into the address, so the same paper can be opened again or shared. The round
	// is looked up first: a made-up id (控制字符, 全角数字) in a Location header was a 500.
	if (!seed.data) throw redirect(`/admin/rounds/${encodeURIComponent(round.id)}/preview?seed=${newAttemptSeed()}`)
	const preview = await previewPaper(prisma, { roundId: round.id, seed: seed.data })
	if (!preview) throw data({ message: '找不到这轮考试' }, { status: 404 })
	const questions = preview.ok
		? preview.questions.map((q) => ({ position: q.position, rule: q.rule, points: q.points, type: q.content.type, stem: q.content.stem, options: q.options, keyText: describeKey(q.content, q.options), explanation: q.content.explanation }))
		: []
	return { round, seed: preview.seed, shortages: preview.ok ? [] : preview.shortages, questions }
}

export default function PreviewPage() {
	const { round, seed, shortages, questions } = useLoaderData<typeof loader>()
	const total = questions.reduce((s, q) => s + q.points, 0)
	return (
		<Page>
			<AdminNav />
			<PageHeader
				title={`试卷预览：${round.title}`}
				description={`试卷编号（随机种子）${seed} · ${questions.length} 题 · 满分 ${Math.round(total * 10) / 10} 分`}
				actions={
					<>
						<Link to={`/admin/rounds/${round.id}/preview`} className={buttonClass('primary')}>
							换一份
						</Link>
						<Link to={`/admin/rounds/${round.id}`} className={buttonClass('secondary')}>
							返回设置
						</Link>
					</>
				}
			/>
			{shortages.length ? (
				<div role="alert" className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
					<p className="font-medium">无法组卷：</p>
					<ul className="mt-1 list-disc pl-5">
						{shortages.map((s) => (
							<li key={s}>{s}</li>
						))}
					</ul>
				</div>
			) : (
				<ol className="flex flex-col gap-3">
					{questions.map((q) => (
						<li key={q.position} className="rounded-lg border bg-white p-4 text-sm">
							<p className="mb-1 text-xs text-gray-500">
								{q.rule} · {QUESTION_TYPE_LABELS[q.type as QuestionType]} · {q.points} 分
							</p>
							<p className="whitespace-pre-wrap">
								{q.position}. {q.stem}
							</p>
							{q.options.length ? (
								<ul className="mt-1">
									{q.options.map((o) => (
										<li key={o.key}>
											{o.label}. {o.text}
										</li>
									))}
								</ul>
							) : null}
							<p className="mt-2">
								<span className="text-gray-600">答案：</span>
								<span className="whitespace-pre-wrap font-medium">{q.keyText}</span>
							</p>
							{q.explanation ? <p className="mt-1 whitespace-pre-wrap text-gray-700">解析：{q.explanation}</p> : null}
						</li>
					))}
				</ol>
			)}
		</Page>
	)
}
