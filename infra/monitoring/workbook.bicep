// The Chat Starter workbook: Azure Monitor's shared workbook over the bot's Application Insights
// resource, its content in chatStarterWorkbook.json (docs/telemetry.md says what each chart shows).

@description('Where the workbook resource lives.')
param location string

@description('The Application Insights resource the workbook reads (its sourceId).')
param applicationInsightsId string

@description('The name shown in the portal.')
param displayName string

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // A workbook's name is a GUID; derived from its source, a redeployment updates the same one.
  name: guid(applicationInsightsId, 'chat-starter-workbook')
  location: location
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: applicationInsightsId
    serializedData: loadTextContent('chatStarterWorkbook.json')
    version: '1.0'
  }
}

output workbookId string = workbook.id
