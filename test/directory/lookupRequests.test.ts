import { usersByAddressUrl, usersByNameUrl, userByIdUrl } from '../../src/directory/lookupRequests';
import { odataString } from '../../src/directory/odataQuery';

function filterOf(url: string): string {
  const query = url.slice(url.indexOf('?') + 1);
  const params = new URLSearchParams(query.replace(/\+/g, '%2B'));
  return params.get('$filter') ?? '';
}

describe('directory look-up requests', () => {
  it('doubles single quotes in OData literals', () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'");
    expect(odataString("''")).toBe("''''''");
  });

  it('escapes a name with an apostrophe and characters that would break the URL', () => {
    const url = usersByNameUrl("Patrick O'Brien & #1 +x");
    // Nothing that ends a query value or a URL may stand raw in it.
    const filterValue = url.slice('/users?$filter='.length, url.indexOf('&$select='));
    expect(filterValue).not.toMatch(/['# &+]/);
    expect(filterOf(url)).toBe(
      "startswith(displayName,'Patrick O''Brien & #1 +x') or startswith(givenName,'Patrick O''Brien & #1 +x') or startswith(surname,'Patrick O''Brien & #1 +x')",
    );
  });

  it('finds addresses by UPN, mail, otherMails and proxyAddresses', () => {
    const url = usersByAddressUrl("pat_fabrikam.com#EXT#@contoso.onmicrosoft.com");
    expect(url.startsWith('/users?$filter=')).toBe(true);
    expect(filterOf(url)).toBe(
      "userPrincipalName eq 'pat_fabrikam.com#EXT#@contoso.onmicrosoft.com' or mail eq 'pat_fabrikam.com#EXT#@contoso.onmicrosoft.com' or " +
        "otherMails/any(m:m eq 'pat_fabrikam.com#EXT#@contoso.onmicrosoft.com') or proxyAddresses/any(p:p eq 'smtp:pat_fabrikam.com#EXT#@contoso.onmicrosoft.com')",
    );
    expect(url).toContain('$select=id,displayName,userPrincipalName,mail,userType,accountEnabled,jobTitle,otherMails');
  });

  it('percent-encodes ids in the path', () => {
    expect(userByIdUrl("a'b#c")).toBe('/users/a%27b%23c?$select=id,displayName,userPrincipalName,mail,userType,accountEnabled,jobTitle,otherMails');
  });
});
