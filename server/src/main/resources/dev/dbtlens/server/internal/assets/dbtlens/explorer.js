// Starts GraphiQL against this server's /graphql (dbtlens serve). No data is embedded in the page.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  var props = {
    fetcher: GraphiQL.createFetcher({ url: root.dataset.endpoint }),
    defaultEditorToolsVisibility: true,
    defaultQuery: [
      '# dbtlens: the Discovery API schema.',
      '# Ctrl-Enter runs; the book icon',
      '# (top left) shows the schema.',
      '{',
      '  environments {',
      '    dbtProjectName',
      '    applied {',
      '      models(first: 5) {',
      '        totalCount',
      '        edges { node { uniqueId name } }',
      '      }',
      '    }',
      '  }',
      '}',
      ''
    ].join('\n')
  };
  if (root.dataset.headers) {
    props.headers = root.dataset.headers;
    props.shouldPersistHeaders = false;
  }
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
})();
