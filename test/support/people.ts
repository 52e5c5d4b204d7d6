/** People of the seeded sandbox directory (env/sandbox-directory.json) that tests refer to. */
export const PEOPLE = {
  alex: { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', upn: 'alexw@example.com' },
  megan: { id: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen', upn: 'meganb@example.com' },
  adele: { id: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance', upn: 'adelev@example.com' },
  meganBrooks: { id: '7a3e4c5d-6f70-4182-ac9d-1e2f3a4b5c63', name: 'Megan Brooks', upn: 'meganbr@contoso.com' },
  patrick: { id: '8b4f5d6e-7081-4293-bdae-2f3a4b5c6d74', name: "Patrick O'Brien", upn: 'patrick.obrien@contoso.com' },
  diego: { id: '9c5a6e7f-8192-43a4-8ebf-3a4b5c6d7e85', name: 'Diego Siciliani', upn: 'diegos@contoso.com' },
  guest: { id: '8ba98gf6-7fc2-4eb2-c7f2-aef9f21fd98g', name: 'Pat Kim (Fabrikam)', mail: 'pat@fabrikam.com' },
  lee: { id: 'd09ea2b3-c5d6-47e8-82f3-7e8f90a1b2c9', name: 'Lee Gu', upn: 'leeg@contoso.com' },
} as const;
