// The reason is shown by the segment's layout (it knows the token); the 404 itself needs no more words.
export default function InvitationNotFound() {
  return null;
}
