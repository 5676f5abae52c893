"use strict";
exports.id = 820;
exports.ids = [820];
exports.modules = {

/***/ 8820:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createCloudRunTrafficProvider: () => (/* binding */ createCloudRunTrafficProvider)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2636);

async function createCloudRunTrafficProvider(_target, _deps) {
    throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('cloud-run provider not built yet');
}


/***/ })

};
;