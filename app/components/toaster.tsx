// Shows the toast an action sent with its redirect (ADR 070), with sonner: announced to
// screen readers, dismissable, and placed where it does not cover a phone's form.
import { useEffect } from 'react'
import { toast as showToast, Toaster } from 'sonner'
import type { Toast } from '#app/utils/toast.ts'

export function AppToaster({ toast }: { toast: Toast | null }) {
	useEffect(() => {
		if (!toast) return
		// A timeout lets the Toaster mount first on the page's first render.
		const timer = setTimeout(() => showToast[toast.type](toast.title, { id: toast.id, description: toast.description }), 0)
		return () => clearTimeout(timer)
	}, [toast])
	return <Toaster position="top-center" richColors closeButton duration={6000} toastOptions={{ className: 'text-sm' }} />
}
