// The incident panel (manifest.yml: jira:issueContext, UI Kit). It asks its resolver (index.panel, which reads Jira
// as the app) for the view model of the issue on screen and draws it with view.js.
import React, { useEffect, useState } from 'react';
import ForgeReconciler, * as ui from '@forge/react';
import { invoke } from '@forge/bridge';
import view from './view.js';

const PanelView = view.createPanelView(React, ui);

const App = () => {
    const [model, setModel] = useState(null);
    const load = () => {
        setModel(null);
        invoke('load').then(setModel, (error) => setModel({ error: `The panel's function failed: ${error}` }));
    };
    useEffect(load, []);
    return <PanelView model={model} onRefresh={load} />;
};

ForgeReconciler.render(
    <React.StrictMode>
        <App />
    </React.StrictMode>
);
