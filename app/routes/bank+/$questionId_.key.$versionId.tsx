import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, ErrorList, FormError, TextareaField } from '#app/components/forms.tsx'
import { QUESTION_TYPE_LABELS } from '#app/exams/bank/question-types.ts'
import { applyKeyCorrection, getVersionForKeyCorrection, previewKeyCorrection, type RegradeDifference } from '#app/exams/grading/regrade.ts'
import { formatAnswer } from '#app/exams/import/answer-format.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { Notice } from '#app/routes/admin+/__notice.tsx'
import { BankNav } from './__bank-parts.tsx'
import { TrueFalseKeyChoices } from './__question-editor.tsx'
import { contentInputFromValues, formValuesFromContent, formValuesFromFormData, type QuestionFormValues } from './__question-form.ts'

export const meta: MetaFunction = () => [{ title: '更正答案 · 题库 · 红审学堂' }]

async function loadVersion(questionId: string, versionId: string) {
	const version = await getVersionForKeyCorrection(prisma, { questionId, versionId })
	if (!version) throw data({ message: '题目版本不存在' }, { status: 404 })
	return version
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRole(request, 'admin')
	const { versionNo, answered, content } = await loadVersion(params.questionId!, params.versionId!)
	return { versionNo, answered, type: content.type, stem: content.stem, options: content.options, currentKey: formatAnswer(content), values: formValuesFromContent(content) }
}

type ActionResult =
	| { stage: 'error'; fieldErrors: Record<string, string[]>; values: QuestionFormValues; reason: string }
	| { stage: 'preview' | 'applied'; before: string; after: string; affectedAttempts: number; differences: RegradeDifference[]; values: QuestionFormValues; reason: string }

export async function action({ request, params }: ActionFunctionArgs) {
	const admin = await requireRole(request, 'admin')
	const { content } = await loadVersion(params.questionId!, params.versionId!)
	const formData = await request.formData()
	const typed = formValuesFromFormData(formData)
	const values: QuestionFormValues = { ...formValuesFromContent(content), answerSingle: typed.answerSingle, answerMultiple: typed.answerMultiple, answerTrueFalse: typed.answerTrueFalse, answerBlanks: typed.answerBlanks }
	const answerKey = contentInputFromValues(values).answerKey
	const reason = String(formData.get('reason') ?? '')
	const versionId = params.versionId!
	const result =
		formData.get('intent') === 'apply'
			? await applyKeyCorrection(prisma, { versionId, answerKey, actorId: admin.id, reason })
			: await previewKeyCorrection(prisma, { versionId, answerKey })
	if (!result.ok) return data<ActionResult>({ stage: 'error', fieldErrors: result.fieldErrors, values, reason }, { status: 400 })
	return data<ActionResult>({ stage: formData.get('intent') === 'apply' ? 'applied' : 'preview', ...result, values, reason })
}

function KeyInputs({ type, options, values }: { type: string; options: { key: string; text: string }[]; values: QuestionFormValues }) {
	if (type === 'single' || type === 'multiple') {
		return (
			<div className="flex flex-col gap-1">
				{options.map((option) => (
					<label key={option.key} className="flex items-center gap-2 text-sm">
						<input
							type={type === 'multiple' ? 'checkbox' : 'radio'}
							name={type === 'multiple' ? 'answerMultiple' : 'answerSingle'}
							value={option.key}
							defaultChecked={type === 'multiple' ? values.answerMultiple.includes(option.key) : values.answerSingle === option.key}
						/>
						<span className="font-mono">{option.key}.</span> {option.text}
					</label>
				))}
			</div>
		)
	}
	if (type === 'true_false') return <TrueFalseKeyChoices checked={values.answerTrueFalse} />
	return <TextareaField label="答案（每行一个空，同一空的多个答案用 | 分隔）" name="answerBlanks" rows={4} defaultValue={values.answerBlanks} />
}

export default function KeyCorrectionPage() {
	const loaded = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const values = result?.values ?? loaded.values
	return (
		<Page>
			<PageHeader
				title={`更正答案：第 ${loaded.versionNo} 版${QUESTION_TYPE_LABELS[loaded.type]}题`}
				description={`此版本已有 ${loaded.answered} 份作答。更正后，所有已交卷的答卷按新答案重新评分，差异和原因记入审计日志。只更正这一版本；如之后的版本答案同样有误，请另行编辑题目。`}
			/>
			<BankNav />
			<p className="mb-2 whitespace-pre-wrap rounded border border-gray-200 bg-white p-4">{loaded.stem}</p>
			<p className="mb-4 text-sm">
				当前答案：<strong>{loaded.currentKey}</strong>
			</p>
			{result?.stage === 'applied' ? (
				<Notice>
					已将答案由 {result.before} 更正为 {result.after}，重新评分 {result.affectedAttempts} 份答卷，其中 {result.differences.length} 份得分变化。
				</Notice>
			) : (
				<Form method="post" key={JSON.stringify(values)} className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-white p-5" aria-label="更正答案">
					<fieldset>
						<legend className="mb-2 text-sm font-medium">正确答案</legend>
						<KeyInputs type={loaded.type} options={loaded.options} values={values} />
						<ErrorList errors={result?.stage === 'error' ? result.fieldErrors.answerKey : null} />
					</fieldset>
					<TextareaField label="更正原因" name="reason" rows={2} defaultValue={result?.reason ?? ''} errors={result?.stage === 'error' ? result.fieldErrors.reason : null} />
					<FormError message={result?.stage === 'error' ? result.fieldErrors.form?.[0] : null} />
					<div className="flex gap-2">
						<Button type="submit" name="intent" value="preview" variant="secondary" pendingLabel="计算中…">
							预览重新评分
						</Button>
						{result?.stage === 'preview' ? (
							<Button type="submit" name="intent" value="apply" variant="danger" pendingLabel="更正中…">
								确认更正并重新评分
							</Button>
						) : null}
					</div>
				</Form>
			)}
			{result && result.stage !== 'error' ? <Differences stage={result.stage} differences={result.differences} affected={result.affectedAttempts} /> : null}
			<p className="mt-4">
				<Link to=".." relative="path" className="text-brand-700 hover:underline">
					返回题目
				</Link>
			</p>
		</Page>
	)
}

function Differences({ stage, differences, affected }: { stage: 'preview' | 'applied'; differences: RegradeDifference[]; affected: number }) {
	return (
		<section className="mt-4 rounded-lg border border-gray-200 bg-white p-5">
			<h2 className="mb-2 font-semibold">{stage === 'preview' ? `预览：${affected} 份答卷中 ${differences.length} 份得分将变化` : '得分变化'}</h2>
			{differences.length ? (
				<table className="min-w-full text-sm" aria-label="得分变化">
					<thead className="text-left text-gray-600">
						<tr>
							<th className="py-1 pr-4">姓名</th>
							<th className="py-1 pr-4">工号</th>
							<th className="py-1 pr-4">轮次</th>
							<th className="py-1 pr-4">本题得分</th>
							<th className="py-1 pr-4">总分</th>
						</tr>
					</thead>
					<tbody>
						{differences.map((d) => (
							<tr key={d.attemptId} className="border-t border-gray-100">
								<td className="py-1 pr-4">{d.userName}</td>
								<td className="py-1 pr-4 font-mono">{d.username}</td>
								<td className="py-1 pr-4">{d.roundTitle}</td>
								<td className="py-1 pr-4">
									{d.questionBefore ?? '—'} → {d.questionAfter ?? '—'}
								</td>
								<td className="py-1 pr-4">
									{d.totalBefore ?? '—'} → {d.totalAfter}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			) : (
				<p className="text-sm text-gray-600">没有答卷的得分变化。</p>
			)}
		</section>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
