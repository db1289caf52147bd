/**
 * The customer's session as the renderer knows it. A seam for now: signed out
 * and not activated. Sign-in (GET/POST /session via the gateway) and activation
 * fill it in; the router guard reads it.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useSessionStore = defineStore('session', () => {
  /** A customer is signed in (the gateway holds their tokens). */
  const signedIn = ref(false)
  /** The signed-in customer has identified themselves with the activation code. */
  const activated = ref(false)

  return { signedIn, activated }
})
