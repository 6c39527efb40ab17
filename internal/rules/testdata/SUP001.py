try:
    pass
except:  # buttress: ignore[ERR001]  the loop must never die
    pass  # buttress: ignore[ERR003]  findings about a handler are on its except line
x = 1  # buttress: ignore[TYP001]  nothing to suppress here
def f(a, b: int):  # buttress: ignore[TYP001, TYP002, ERR005]  only the first two apply
    return a
