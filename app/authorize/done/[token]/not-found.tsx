import { AuthorizeShell, Bilingual } from "@/components/authorize/authorize-shell";

export default function AuthorizationCompleteNotFound() {
  return (
    <AuthorizeShell>
      <section role="alert" className="rounded-2xl border border-amber-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">
          <Bilingual zh="没有找到已完成的授权" en="No completed authorization here" />
        </h1>
        <p className="mt-4 text-slate-700">这个链接还没有完成授权。请回到授权链接页面完成授权，或联系平台运营方。</p>
        <p lang="en" className="mt-1 text-sm text-slate-500">
          This invitation has not been used to authorize an account yet. Open your invitation link to authorize, or contact the platform
          operator.
        </p>
      </section>
    </AuthorizeShell>
  );
}
