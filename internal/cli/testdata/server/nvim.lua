-- Neovim as buttress server's client (TestServerNeovim; by hand: see the README): it opens
-- $FILE, waits for the diagnostics, prints them; deletes line 1 without saving and prints
-- them again; then the hover and the quick fix of the first finding, applies it, prints the
-- line and the diagnostics, and quits. Written for Neovim 0.7 (Debian's) and later.
vim.g.loaded_python3_provider = 0 -- its probe runs python3, seconds under pyenv
vim.cmd("filetype on")
local cmd = { vim.env.BUTTRESS or "buttress", "server" }
local function out(s) io.stdout:write(s .. "\n") end
vim.api.nvim_create_autocmd("FileType", {
  pattern = "python",
  callback = function(args)
    local config = { name = "buttress", cmd = cmd, root_dir = vim.fn.getcwd() }
    if vim.lsp.start then
      vim.lsp.start(config)
    else -- Neovim 0.7
      vim.lsp.buf_attach_client(args.buf, vim.lsp.start_client(config))
    end
  end,
})
vim.cmd("edit " .. vim.env.FILE)
local buf = vim.api.nvim_get_current_buf()
local function show(what)
  out(what .. ":")
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out(string.format("  %d:%d %s %s", d.lnum + 1, d.col + 1, d.source or "", d.message))
  end
end
if not vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 10) then
  out("no diagnostics within 10 s")
end
show("on open")

local before = #vim.diagnostic.get(buf)
vim.api.nvim_buf_set_lines(buf, 0, 1, false, {})
vim.wait(10000, function() return #vim.diagnostic.get(buf) ~= before end, 10)
show("line 1 deleted, unsaved")

local client = vim.lsp.get_active_clients()[1]
local d = vim.diagnostic.get(buf)[1]
if client and d then
  local uri = vim.uri_from_bufnr(buf)
  local hover = client.request_sync("textDocument/hover",
    { textDocument = { uri = uri }, position = { line = d.lnum, character = d.col } }, 5000, buf)
  if hover and hover.result then
    out("hover: " .. vim.split(hover.result.contents.value, "\n")[4])
  end
  local actions = client.request_sync("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col } },
    context = { diagnostics = {} },
  }, 5000, buf)
  if actions and actions.result and actions.result[1] then
    out("code action: " .. actions.result[1].title)
    local n = #vim.diagnostic.get(buf)
    vim.lsp.util.apply_workspace_edit(actions.result[1].edit, "utf-16")
    out("line " .. (d.lnum + 1) .. ": " .. vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1])
    vim.wait(10000, function() return #vim.diagnostic.get(buf) ~= n end, 10)
    show("quick fix applied")
  end
end
vim.cmd("qa!")
