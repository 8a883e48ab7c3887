import { useState } from 'react'
import { buttonClass } from '#app/components/forms.tsx'

/** A temporary password shown this once: the server keeps only its hash. */
export function OneTimePassword({ title, username, name, password }: { title: string; username: string; name: string; password: string }) {
	const [copied, setCopied] = useState(false)
	return (
		<section role="status" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-5">
			<h2 className="text-lg font-semibold text-amber-900">{title}</h2>
			<p className="mt-1 text-sm text-amber-900">
				请将临时密码当面或通过安全渠道交给 <strong>{name}</strong>（工号 {username}）。它<strong>只显示这一次</strong>，离开或刷新本页后无法再查看；对方首次登录时必须改为自己的密码。
			</p>
			<div className="mt-3 flex flex-wrap items-center gap-3">
				<code data-testid="temporary-password" className="rounded border border-amber-300 bg-white px-3 py-2 font-mono text-xl tracking-wider select-all">
					{password}
				</code>
				<button
					type="button"
					className={buttonClass('secondary')}
					onClick={() => {
						void navigator.clipboard?.writeText(password).then(() => setCopied(true))
					}}
				>
					{copied ? '已复制' : '复制'}
				</button>
			</div>
		</section>
	)
}
