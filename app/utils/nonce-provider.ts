// The CSP nonce of the document being rendered (ADR 041): entry.server.tsx provides it, the
// root layout gives it to Remix's inline scripts. In the browser it is empty, as browsers hide
// a nonce from the DOM; the scripts it guarded have already run by then.
import { createContext, useContext } from 'react'

export const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider

export function useNonce() {
	return useContext(NonceContext)
}
